// What an Immersity animation of a layered frame needs besides the frame's export: the layer depth
// map (the photo planes' relief fetched first, paid and cached), placed beside the frame as
// `<frame> — Layer depth` and uploaded, so POST /v1/animation takes it as disparityImageId and the
// animation is one paid call with no disparity call of its own.
import type { DisparityOptions } from "../../shared/api.js";
import type { BackendClient } from "../backend-client.js";
import { uploadBytes } from "../upload-bytes.js";
import { depthPng, layerDepthMap } from "./layer-depth-map.js";
import { fetchReliefs, type LayeredSource } from "./layered-work.js";

export interface LayeredDisparityDeps {
  client: BackendClient;
  /** Places the map's PNG beside the frame (the placeLayerDepth request). */
  place: (png: Uint8Array) => Promise<unknown>;
  disparity: Required<DisparityOptions>;
  fresh: boolean;
  signal?: AbortSignal;
}

/** The layer depth map's imageId, once placed and uploaded. */
export async function layeredDisparity(source: LayeredSource, deps: LayeredDisparityDeps): Promise<string> {
  const { client, signal } = deps;
  const reliefs = await fetchReliefs(source, { client, options: deps.disparity, fresh: deps.fresh, signal });
  const { width, height } = source.planes;
  const png = depthPng(width, height, layerDepthMap(source.planes, source.depths, reliefs));
  signal?.throwIfAborted();
  await deps.place(png);
  return uploadBytes(client, png, "image/png", () => undefined, signal);
}
