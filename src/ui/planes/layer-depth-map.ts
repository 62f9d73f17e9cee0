// The frame's flat layer depth map: the planes' depths composited by their alpha (top wins) with
// flattenLayerDepth, as a 16-bit grey PNG of the frame's size, the disparity Immersity takes.
import { encode } from "fast-png";
import { flattenLayerDepth } from "../../shared/layer-depth.js";
import type { LoadedPlanes } from "./load-planes.js";

export function alphaOf(data: Uint8Array | Uint8ClampedArray): Uint8Array {
  const alpha = new Uint8Array(data.length / 4);
  for (let i = 0; i < alpha.length; i++) alpha[i] = data[i * 4 + 3]!;
  return alpha;
}

/** A photo plane's relief by plane index (its range DEFAULT_RELIEF_RANGE when not given). */
export type Reliefs = Map<number, { relief: Uint16Array; reliefRange?: number }>;

/** `depths`: one per plane, bottom to top; `relief` per plane index where a photo has one. */
export function layerDepthMap(
  loaded: LoadedPlanes,
  depths: readonly number[],
  relief: ReadonlyMap<number, { relief: Uint16Array; reliefRange?: number }> = new Map(),
): Uint16Array {
  return flattenLayerDepth(
    loaded.width,
    loaded.height,
    loaded.planes.map((plane, i) => ({ alpha: alphaOf(plane.pixels.data), depth: depths[i]!, ...relief.get(i) })),
  );
}

export function depthPng(width: number, height: number, map: Uint16Array): Uint8Array {
  return encode({ width, height, data: map, channels: 1, depth: 16 });
}
