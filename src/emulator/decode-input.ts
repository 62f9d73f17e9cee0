// Decoding of the images the emulator reads by URL, with sharp: upright (EXIF orientation applied),
// limited in size, and every decoding failure reported as UnreadableInput so routes can answer 400.
import sharp, { type Sharp } from "sharp";
import type { Crop, Size } from "../shared/output-size.js";

const MAX_INPUT_PIXELS = 100_000_000;

export class UnreadableInput extends Error {
  /** `field`: the request field whose URL gave these bytes. */
  constructor(
    message: string,
    readonly field = "inputImageUrl",
  ) {
    super(message);
  }
}

export type { Crop, Size } from "../shared/output-size.js";

const open = (bytes: Uint8Array) => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();

async function readable<T>(decoding: () => Promise<T>): Promise<T> {
  try {
    return await decoding();
  } catch (error) {
    if (error instanceof UnreadableInput) throw error;
    throw new UnreadableInput((error as Error).message);
  }
}

/** sRGB with transparency flattened onto white: what the depth and the animation are computed from. */
const opaqueSrgb = (image: Sharp) => image.flatten({ background: "#ffffff" }).toColourspace("srgb");

/** RGB interleaved at the input's own size. */
export function decodeRgb(bytes: Uint8Array) {
  return readable(async () => {
    const { data, info } = await opaqueSrgb(open(bytes)).raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new UnreadableInput(`expected 3 channels, got ${info.channels}`);
    return {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  });
}

/** Width and height as displayed, after the EXIF orientation. */
export function decodeSize(bytes: Uint8Array): Promise<Size> {
  return readable(async () => {
    const { autoOrient } = await open(bytes).metadata();
    if (!autoOrient.width || !autoOrient.height) throw new UnreadableInput("no image size");
    return autoOrient;
  });
}

/** The part `crop` of the input, resized to `size`, as RGBA with alpha 255. */
export async function decodeRgbaRegion(bytes: Uint8Array, crop: Crop, size: Size): Promise<Uint8Array> {
  return new Uint8Array(ownMemory(await decodeRegion(bytes, crop, size, "rgba")));
}

/**
 * The part `crop` of a disparity map, resized to `size`, as 16-bit grey (an 8-bit map is scaled by 257: 255 becomes
 * 65535).
 */
export async function decodeGreyRegion(bytes: Uint8Array, crop: Crop, size: Size): Promise<Uint16Array> {
  return new Uint16Array(ownMemory(await decodeRegion(bytes, crop, size, "grey16")));
}

/**
 * A copy of the buffer's bytes in memory of their own (sharp's may be part of a larger block): they
 * can then be handed to a worker without taking other bytes along, and a 16-bit view is aligned.
 */
const ownMemory = (data: Buffer): ArrayBuffer => new Uint8Array(data).buffer;

function decodeRegion(bytes: Uint8Array, crop: Crop, size: Size, kind: "rgba" | "grey16"): Promise<Buffer> {
  return readable(async () => {
    const region = pixelRegion(crop, await decodeSize(bytes));
    const image = kind === "rgba" ? opaqueSrgb(open(bytes)) : open(bytes).removeAlpha().toColourspace("grey16");
    // Linear for depth: a sharper kernel would overshoot at depth edges.
    const resized = image
      .extract(region)
      .resize(size.width, size.height, { fit: "fill", kernel: kind === "rgba" ? "lanczos3" : "linear" });
    return kind === "rgba" ? resized.ensureAlpha(1).raw().toBuffer() : resized.raw({ depth: "ushort" }).toBuffer();
  });
}

function pixelRegion(crop: Crop, size: Size) {
  const left = Math.min(size.width - 1, Math.round(crop.left * size.width));
  const top = Math.min(size.height - 1, Math.round(crop.top * size.height));
  return {
    left,
    top,
    width: Math.max(1, Math.min(size.width - left, Math.round(crop.width * size.width))),
    height: Math.max(1, Math.min(size.height - top, Math.round(crop.height * size.height))),
  };
}
