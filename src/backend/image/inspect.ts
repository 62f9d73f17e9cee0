// Reads an image's type and dimensions from its header alone, so a decompression bomb is refused
// before any pixel is decoded.
import { imageSize } from "image-size";
import type { ImageContentType } from "../../shared/api.js";
import { ApiError } from "../problem.js";

export interface ImageLimits {
  maxSide: number;
  maxPixels: number;
}

export interface ImageInfo {
  contentType: ImageContentType;
  width: number;
  height: number;
}

const MAGIC: Record<ImageContentType, (b: Uint8Array) => boolean> = {
  "image/png": (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  "image/jpeg": (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  "image/webp": (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
};

const SIZE_TYPE: Record<ImageContentType, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

// A truncated upload keeps its header, so the end of the file is checked too.
const COMPLETE: Record<ImageContentType, (b: Uint8Array) => boolean> = {
  "image/png": (b) => endsWith(b, [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
  "image/jpeg": (b) => endsWith(trimZeros(b), [0xff, 0xd9]),
  "image/webp": (b) => {
    const riffSize = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(4, true);
    return riffSize + 8 === b.length || riffSize + 9 === b.length;
  },
};

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((v, i) => bytes[i] === v);
const endsWith = (bytes: Uint8Array, suffix: number[]) => startsWith(bytes.subarray(bytes.length - suffix.length), suffix);
function trimZeros(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

export function inspectImage(bytes: Uint8Array, claimed: ImageContentType, limits: ImageLimits): ImageInfo {
  if (!MAGIC[claimed](bytes)) throw new ApiError("image_invalid", `The bytes are not a ${claimed} image.`);
  let parsed: ReturnType<typeof imageSize>;
  try {
    parsed = imageSize(bytes);
  } catch {
    throw new ApiError("image_invalid", `The ${claimed} header cannot be read.`);
  }
  const { width, height } = parsed;
  if (parsed.type !== SIZE_TYPE[claimed] || !width || !height) {
    throw new ApiError("image_invalid", `The ${claimed} header cannot be read.`);
  }
  if (!COMPLETE[claimed](bytes)) throw new ApiError("image_invalid", `The ${claimed} image is truncated.`);
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    throw new ApiError(
      "image_too_large",
      `The image is ${width}×${height} px; the limits are ${limits.maxSide} px per side and ${limits.maxPixels / 1e6} megapixels.`,
    );
  }
  return { contentType: claimed, width, height };
}
