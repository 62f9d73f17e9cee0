// A depth map PNG as the renderer's 16-bit values. Browsers decode 16-bit PNGs to 8 bits, so the file
// is decoded here instead, with fast-png; 8-bit maps are widened (v · 257) to the same scale.
import { convertIndexedToRgb, decode } from "fast-png";
import type { DepthPixels } from "../../render/index.js";

/** Grey is the first channel: a grey PNG's only one, and the red of an RGB export of a grey map. */
export function depthPixelsFromPng(bytes: Uint8Array): DepthPixels {
  const png = decode(bytes);
  const data = png.palette ? convertIndexedToRgb(png) : png.data;
  const channels = png.palette ? png.palette[0]!.length : png.channels;
  const depth = png.palette ? 8 : png.depth;
  if (depth !== 8 && depth !== 16) throw new RangeError(`a depth map of ${depth} bits per channel`);
  const scale = depth === 8 ? 257 : 1;
  const values = new Uint16Array(png.width * png.height);
  for (let i = 0; i < values.length; i++) values[i] = data[i * channels]! * scale;
  return { width: png.width, height: png.height, data: values };
}
