// Real PNG files made without Node or a canvas, for image fills in tests and in the browser host:
// a diagonal colour ramp whose blue channel follows the seed, so each seed is a different image.
import { encode } from "fast-png";

export function samplePng(width: number, height: number, seed = 0): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      data[at] = Math.round((255 * x) / Math.max(1, width - 1));
      data[at + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      data[at + 2] = (seed * 47) % 256;
      data[at + 3] = 255;
    }
  }
  return encode({ width, height, data, channels: 4, depth: 8 });
}
