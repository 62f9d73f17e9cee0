// Before any credit is spent: the upload exists, its bytes hash to the claimed id (as the storage
// checked while writing them, or hashed here where it cannot), and its header says an image of an
// accepted type within the limits.
import { ImageContentType } from "../../shared/api.js";
import { inspectImage, type ImageBytes, type ImageInfo, type ImageLimits } from "../image/inspect.js";
import { ApiError } from "../problem.js";
import { uploadKey, type Storage } from "../storage/storage.js";

export interface UploadLimits extends ImageLimits {
  maxBytes: number;
}

export async function verifyUpload(storage: Storage, imageId: string, limits: UploadLimits): Promise<ImageInfo> {
  const key = uploadKey(imageId);
  const info = await storage.head(key);
  if (!info) throw notUploaded();
  try {
    if (info.size > limits.maxBytes)
      throw new ApiError("payload_too_large", `The image is ${info.size} bytes; the limit is ${limits.maxBytes}.`);
    const contentType = ImageContentType.safeParse(info.contentType);
    if (!contentType.success)
      throw new ApiError("unsupported_media_type", "Only PNG, JPEG and WebP images are accepted.");
    return inspectImage(await bytesOf(storage, key, imageId, info.size), contentType.data, limits);
  } catch (error) {
    // A storage that cannot refuse wrong bytes itself (an Azure SAS fixes no type, size or hash) may
    // hold them: refused bytes are removed, so that the right upload can take their place.
    if (error instanceof ApiError) await storage.delete(key);
    throw error;
  }
}

/** One hash pass per upload: the storage's own, where it checked the bytes as they were written, else one here. */
async function bytesOf(storage: Storage, key: string, imageId: string, size: number): Promise<ImageBytes> {
  const checked = await storage.checkedEnds?.(key, imageId, size);
  if (checked) return checked;
  const sample = await storage.sample(key);
  if (!sample) throw notUploaded();
  if (sample.sha256 !== imageId)
    throw new ApiError("image_hash_mismatch", "The stored bytes do not match the image id; upload the image again.");
  return sample;
}

const notUploaded = () => new ApiError("image_not_found", "No image with this id has been uploaded; upload it first.");
