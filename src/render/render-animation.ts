// A free local 3D animation: the shared camera model's frames, drawn by the depth renderer one by
// one and streamed into the browser's encoder, so the file has the frames, frame rate, size and crop
// the emulator makes for the same options.
import type { AnimationOptions } from "../shared/api.js";
import { animationSettings } from "../shared/animation-settings.js";
import { cropScene } from "./crop-scene.js";
import { sourceSize } from "./depth-input.js";
import { encodeGif } from "./gif-encoding.js";
import { createDepthRenderer, type DepthScene } from "./depth-renderer.js";
import { isLayeredScene, type LayeredScene } from "./layered-scene.js";
import { chooseVideoCodec, encodeVideo } from "./video-encoding.js";

/** An MP4 is asked for as Immersity's is; where this browser encodes no H.264, the file is WebM, and
 *  where it encodes no video at all, a GIF: the content type says which. */
export async function renderAnimation(
  scene: DepthScene | LayeredScene,
  options: AnimationOptions,
  progress?: (framesDone: number, framesTotal: number) => void,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; contentType: "video/mp4" | "video/webm" | "image/gif" }> {
  signal?.throwIfAborted();
  const settings = animationSettings(options, isLayeredScene(scene) ? scene : sourceSize(scene.image));
  const { width, height } = settings.size;
  const video = settings.format === "mp4" ? await chooseVideoCodec(width, height, settings.fps) : null;
  const canvas = new OffscreenCanvas(width, height);
  const renderer = createDepthRenderer(canvas, cropScene(scene, settings.crop));
  const sequence = {
    canvas,
    fps: settings.fps,
    frameCount: settings.path.length,
    drawFrame: (i: number) =>
      renderer.render({ ...settings.path[i]!, gain: options.gain, convergence: options.convergence }),
  };
  try {
    const control = { progress, signal };
    return video ? await encodeVideo(sequence, video, control) : await encodeGif(sequence, control);
  } finally {
    renderer.dispose();
  }
}
