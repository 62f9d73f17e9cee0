// Before any credit is spent: the upload exists, its bytes hash to the claimed id, and its header
// says an image of an accepted type within the limits.
import { ImageContentType } from "../../shared/api.js";
import { inspectImage, type ImageInfo, type ImageLimits } from "../image/inspect.js";
import { ApiError } from "../problem.js";
import { uploadKey, type Storage } from "../storage/storage.js";
import { sha256Hex } from "../../shared/sha256.js";

export interface UploadLimits extends ImageLimits {
  maxBytes: number;
}

export async function verifyUpload(storage: Storage, imageId: string, limits: UploadLimits): Promise<ImageInfo> {
  const key = uploadKey(imageId);
  const info = await storage.head(key);
  if (!info) throw new ApiError("image_not_found", "No image with this id has been uploaded; upload it first.");
  if (info.size > limits.maxBytes) {
    throw new ApiError("payload_too_large", `The image is ${info.size} bytes; the limit is ${limits.maxBytes}.`);
  }
  const contentType = ImageContentType.safeParse(info.contentType);
  if (!contentType.success) throw new ApiError("unsupported_media_type", "Only PNG, JPEG and WebP images are accepted.");
  const bytes = await storage.read(key);
  if (!bytes) throw new ApiError("image_not_found", "No image with this id has been uploaded; upload it first.");
  if ((await sha256Hex(bytes)) !== imageId) {
    // Storage that cannot check hashes itself may hold planted bytes: remove them so the real ones can be uploaded.
    await storage.delete(key);
    throw new ApiError("image_hash_mismatch", "The stored bytes do not match the image id; upload the image again.");
  }
  return inspectImage(bytes, contentType.data, limits);
}
