// Reads an image's type and dimensions from its header alone, so a decompression bomb is refused
// before any pixel is decoded. Only the first and last bytes are read, so a large image is checked
// without holding it whole.
import { imageSize } from "image-size";
import type { ImageContentType } from "../../shared/api.js";
import { ApiError } from "../problem.js";

export interface ImageLimits {
  maxSide: number;
  maxPixels: number;
}

/** An image file as its checks read it: the first and the last bytes, and the size; a small file is whole in both. */
export interface ImageBytes {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
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
const COMPLETE: Record<ImageContentType, (image: ImageBytes) => boolean> = {
  "image/png": ({ tail }) => endsWith(tail, [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
  "image/jpeg": ({ tail }) => endsWith(trimZeros(tail), [0xff, 0xd9]),
  "image/webp": ({ head, size }) => {
    const riffSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(4, true);
    return riffSize + 8 === size || riffSize + 9 === size;
  },
};

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((v, i) => bytes[i] === v);
const endsWith = (bytes: Uint8Array, suffix: number[]) =>
  startsWith(bytes.subarray(bytes.length - suffix.length), suffix);
function trimZeros(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

export function inspectImage(image: ImageBytes, claimed: ImageContentType, limits: ImageLimits): ImageInfo {
  if (!MAGIC[claimed](image.head)) throw new ApiError("image_invalid", `The bytes are not a ${claimed} image.`);
  let parsed: ReturnType<typeof imageSize>;
  try {
    parsed = imageSize(image.head);
  } catch {
    throw new ApiError("image_invalid", `The ${claimed} header cannot be read.`);
  }
  const { width, height } = parsed;
  if (parsed.type !== SIZE_TYPE[claimed] || !width || !height) {
    throw new ApiError("image_invalid", `The ${claimed} header cannot be read.`);
  }
  if (!COMPLETE[claimed](image)) throw new ApiError("image_invalid", `The ${claimed} image is truncated.`);
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    throw new ApiError(
      "image_too_large",
      `The image is ${width}×${height} px; the limits are ${limits.maxSide} px per side and ` +
        `${limits.maxPixels / 1e6} megapixels.`,
    );
  }
  return { contentType: claimed, width, height };
}
