// A layer's image and depth map as the sandbox reads them from the canvas, decoded for the renderer,
// or the sentence that says why there is nothing to draw.
import type { DepthScene } from "../../render/index.js";
import type { SceneAnswer } from "../../shared/messages.js";
import { loadDepthPng } from "../on-demand.js";

export type LoadedScene =
  | { status: "ready"; scene: DepthScene; size: { width: number; height: number }; edited: boolean }
  | { status: "no-depth" }
  | { status: "problem"; sentence: string };

export const SENTENCES = {
  image: "The preview cannot show this layer: its image could not be decoded.",
  depth: "The preview cannot show this layer: its depth map could not be decoded.",
  read: "The preview cannot show this layer: the plugin could not read it from the canvas.",
} as const;

// The renderer uploads pixel values as they are, as the emulator reads them: no colour management.
const decodeImage = (bytes: Uint8Array, type: string) =>
  createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), {
    colorSpaceConversion: "none",
    premultiplyAlpha: "none",
  });

export async function decodeScene(answer: SceneAnswer): Promise<LoadedScene> {
  if (!answer.depth) return { status: "no-depth" };
  let image: ImageBitmap;
  try {
    image = await decodeImage(answer.image.bytes, answer.image.contentType);
  } catch {
    return { status: "problem", sentence: SENTENCES.image };
  }
  try {
    const { depthPixelsFromPng } = await loadDepthPng();
    // A map of another size than the image is scaled to it: the renderer samples both over [0, 1].
    const depth = depthPixelsFromPng(answer.depth.bytes);
    return {
      status: "ready",
      scene: { image, depth },
      size: { width: image.width, height: image.height },
      edited: answer.depth.edited,
    };
  } catch {
    image.close();
    return { status: "problem", sentence: SENTENCES.depth };
  }
}
