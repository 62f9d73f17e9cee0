// The work of one animation, done in the animation worker: every frame rendered and encoded in turn,
// so only one frame is ever held in memory.
import type { Size } from "../decode-input.js";
import { resolveParallax, type CameraPosition } from "../../shared/camera.js";
import { createFrameEncoder } from "./frame-encoders.js";
import { parallaxRenderer } from "./parallax-renderer.js";

export interface AnimationJob {
  format: "mp4" | "gif";
  fps: number;
  size: Size;
  /** RGBA, size.width × size.height × 4 bytes. */
  rgba: Uint8Array;
  /** 16-bit, near = 65535, size.width × size.height. */
  disparity: Uint16Array;
  path: CameraPosition[];
  /** As requested; estimated from the disparity when absent. */
  convergence?: number | undefined;
  gain?: number | undefined;
}

export async function encodeAnimation(job: AnimationJob): Promise<Uint8Array> {
  const render = parallaxRenderer(
    { ...job.size, rgba: job.rgba, disparity: job.disparity },
    resolveParallax(job.disparity, job),
  );
  const encoder = await createFrameEncoder(job.format, job.size, job.fps);
  const frame = new Uint8Array(job.size.width * job.size.height * 4);
  for (const camera of job.path) encoder.add(render(camera, frame));
  return encoder.finish();
}
