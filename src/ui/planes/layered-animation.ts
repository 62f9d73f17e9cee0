// An Immersity animation of a frame with its layer depth map as the disparity: the frame's export
// and the map are uploaded, and POST /v1/animation with disparityImageId makes it in one paid call
// (no disparity call), cached by content like every result.
import type { AnimationOptions, ResultResponse } from "../../shared/api.js";
import type { BackendClient } from "../backend-client.js";
import { uploadBytes } from "../upload-bytes.js";

export async function layeredAnimation(
  client: BackendClient,
  frame: { bytes: Uint8Array; contentType: "image/png" | "image/jpeg" },
  depthMapPng: Uint8Array,
  options: AnimationOptions,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ResultResponse> {
  const imageId = await uploadBytes(client, frame.bytes, frame.contentType, (f) => onProgress(f / 2), signal);
  const disparityImageId = await uploadBytes(client, depthMapPng, "image/png", (f) => onProgress(0.5 + f / 2), signal);
  return client.animation({ imageId, disparityImageId, options }, signal);
}
