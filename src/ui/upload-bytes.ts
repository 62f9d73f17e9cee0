// Uploads bytes the backend does not hold yet (content-addressed: the same bytes are never sent twice)
// and answers their imageId.
import type { BackendClient, Progress } from "./backend-client.js";
import { sha256Hex } from "./sha256.js";

export async function uploadBytes(
  client: BackendClient,
  bytes: Uint8Array,
  contentType: "image/png" | "image/jpeg",
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<string> {
  const sha256 = await sha256Hex(bytes);
  const upload = await client.createUpload({ sha256, contentType, size: bytes.length }, signal);
  if (upload.upload) await client.putBytes(upload.upload, bytes, onProgress, signal);
  return upload.imageId;
}
