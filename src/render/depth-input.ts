// The depth map as the renderer uploads it: disparity in [0, 1] as 32-bit floats (exact for 16-bit
// values), plus the raw 16-bit values the shared gain/convergence estimate takes.

/** A 16-bit disparity map as raw values (near = 65535): browsers decode 16-bit PNGs to 8 bits. */
export interface DepthPixels {
  width: number;
  height: number;
  data: Uint16Array;
}

export interface DepthValues {
  width: number;
  height: number;
  /** Near = 65535, as the estimate counts them. */
  raw: Uint16Array;
  /** raw / 65535, for an R32F texture. */
  normalised: Float32Array;
}

export function isDepthPixels(depth: TexImageSource | DepthPixels): depth is DepthPixels {
  return "data" in depth && depth.data instanceof Uint16Array;
}

/** The pixel size of anything WebGL can upload. */
export function sourceSize(source: TexImageSource): { width: number; height: number } {
  if (typeof HTMLImageElement !== "undefined" && source instanceof HTMLImageElement) {
    return { width: source.naturalWidth, height: source.naturalHeight };
  }
  if (typeof HTMLVideoElement !== "undefined" && source instanceof HTMLVideoElement) {
    return { width: source.videoWidth, height: source.videoHeight };
  }
  if (typeof VideoFrame !== "undefined" && source instanceof VideoFrame) {
    return { width: source.displayWidth, height: source.displayHeight };
  }
  const { width, height } = source as ImageBitmap | ImageData | HTMLCanvasElement | OffscreenCanvas;
  return { width, height };
}

/**
 * The map's values. A TexImageSource has only 8 bits a pixel (its red channel, as a grey PNG
 * decodes), read back once through a 2D canvas: the estimate runs on the CPU.
 */
export function depthValues(depth: TexImageSource | DepthPixels): DepthValues {
  const { width, height } = isDepthPixels(depth) ? depth : sourceSize(depth);
  if (width <= 0 || height <= 0) throw new RangeError("the depth map is empty");
  let raw: Uint16Array;
  if (isDepthPixels(depth)) {
    if (depth.data.length !== width * height) {
      throw new RangeError(`depth data must hold ${width}x${height} values`);
    }
    raw = depth.data;
  } else {
    const rgba = readBack(depth, width, height);
    raw = new Uint16Array(width * height);
    for (let i = 0; i < raw.length; i++) raw[i] = rgba[i * 4]! * 257;
  }
  const normalised = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) normalised[i] = raw[i]! / 65535;
  return { width, height, raw, normalised };
}

function readBack(source: TexImageSource, width: number, height: number): Uint8ClampedArray {
  if (typeof ImageData !== "undefined" && source instanceof ImageData) return source.data;
  const context = new OffscreenCanvas(width, height).getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("no 2D canvas to read the depth map back");
  context.drawImage(source as CanvasImageSource, 0, 0);
  return context.getImageData(0, 0, width, height).data;
}
