// Results larger than Figma's image limit are scaled down here, in the UI, before they reach the sandbox.
import { pngSize, sniffImage } from "../shared/image-bytes.js";
import { FIGMA_MAX_IMAGE_SIDE } from "../shared/settings.js";

export function fitWithin(
  width: number,
  height: number,
  max = FIGMA_MAX_IMAGE_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** PNG bytes no larger than Figma takes; the same bytes when they already fit. */
export async function fitForFigma(bytes: Uint8Array, contentType: string): Promise<Uint8Array> {
  if (sniffImage(bytes) === "image/png") {
    const header = pngSize(bytes);
    if (Math.max(header.width, header.height) <= FIGMA_MAX_IMAGE_SIDE) return bytes;
  }
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }));
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    if (size.width === bitmap.width && size.height === bitmap.height) return bytes;
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot scale images.");
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return new Uint8Array(await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer());
  } finally {
    bitmap.close();
  }
}
