// Runs in Chromium for `npm run bench:export`: renderAnimation (src/render) over a scene sent as the
// two PNGs the emulator takes, timed from decoded inputs to the file's bytes, with the page's peak
// JavaScript heap sampled at every frame.
import { renderAnimation } from "../src/render/index.js";
import type { AnimationOptions } from "../src/shared/api.js";
import { depthPixelsFromPng } from "../src/ui/preview/depth-png.js";

/** Chromium's non-standard heap figures. */
const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

async function exportBench(imagePng: number[], depthPng: number[], options: AnimationOptions) {
  const image = await createImageBitmap(new Blob([Uint8Array.from(imagePng)], { type: "image/png" }), {
    colorSpaceConversion: "none",
    premultiplyAlpha: "none",
  });
  const depth = depthPixelsFromPng(Uint8Array.from(depthPng));
  let peak = heap();
  const start = performance.now();
  const result = await renderAnimation({ image, depth }, options, () => {
    peak = Math.max(peak, heap());
  });
  const ms = performance.now() - start;
  image.close();
  return { ms, contentType: result.contentType, size: result.bytes.length, peakHeapBytes: Math.max(peak, heap()) };
}

Object.assign(window, { exportBench });
