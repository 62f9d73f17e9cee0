// Pure compositing of a layered scene's plane depths into one disparity map, the shape Immersity
// takes for its animation. Shared by the plugin's UI (which places the map) and the tests.

/** One plane of a layered scene, as flattenLayerDepth takes it. */
export interface DepthLayer {
  /** Coverage per pixel, 0..255, row-major, width × height values. */
  alpha: Uint8Array;
  /** The plane's depth: 0 far .. 1 near. */
  depth: number;
  /** Relief inside the plane (0..65535, near = 65535), e.g. a photo's own disparity map. */
  relief?: Uint16Array;
  /** How much of the 0..1 depth range the relief spans, centred on `depth`. */
  reliefRange?: number;
}

/** The depth range a plane's relief spans when the layer does not say. */
export const DEFAULT_RELIEF_RANGE = 0.1;

const MAX_VALUE = 65535;

/** Composites plane depths into one disparity map: layers bottom to top, alpha 0..255 per pixel,
 *  depth 0 (far) .. 1 (near), optional relief in 0..65535 added within the plane. Out: 0 far .. 65535 near. */
export function flattenLayerDepth(
  width: number,
  height: number,
  layers: { alpha: Uint8Array; depth: number; relief?: Uint16Array; reliefRange?: number }[],
): Uint16Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`The map's size must be whole positive pixels, not ${width}×${height}.`);
  }
  const pixels = width * height;
  layers.forEach((layer, index) => checkLayer(layer, index, pixels));
  // Composited in 0..1 floats so that partial coverage blends without rounding at every layer.
  const acc = new Float32Array(pixels);
  for (const layer of layers) {
    const range = layer.reliefRange ?? DEFAULT_RELIEF_RANGE;
    for (let i = 0; i < pixels; i++) {
      const a = layer.alpha[i]! / 255;
      if (a === 0) continue;
      const relief = layer.relief ? (layer.relief[i]! / MAX_VALUE - 0.5) * range : 0;
      const d = Math.min(1, Math.max(0, layer.depth + relief));
      acc[i] = acc[i]! * (1 - a) + d * a;
    }
  }
  const out = new Uint16Array(pixels);
  for (let i = 0; i < pixels; i++) out[i] = Math.round(acc[i]! * MAX_VALUE);
  return out;
}

function checkLayer(layer: DepthLayer, index: number, pixels: number): void {
  if (layer.alpha.length !== pixels) {
    throw new RangeError(`Layer ${index} has ${layer.alpha.length} alpha values for ${pixels} pixels.`);
  }
  if (!(layer.depth >= 0 && layer.depth <= 1)) {
    throw new RangeError(`Layer ${index} has depth ${layer.depth}; depths run from 0 (far) to 1 (near).`);
  }
  if (layer.relief && layer.relief.length !== pixels) {
    throw new RangeError(`Layer ${index} has ${layer.relief.length} relief values for ${pixels} pixels.`);
  }
  const range = layer.reliefRange;
  if (range !== undefined && !(range >= 0 && range <= 1)) {
    throw new RangeError(`Layer ${index} has relief range ${range}; it must be between 0 and 1.`);
  }
}
