// A PNG's straight-alpha pixels in the UI iframe: decoded by the browser without colour conversion
// or premultiplying, so the values are the export's own.
import type { Rgba } from "../../shared/plane-compose.js";

export async function decodePng(png: Uint8Array): Promise<Rgba> {
  const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: "image/png" }), {
    colorSpaceConversion: "none",
    premultiplyAlpha: "none",
  });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("This browser has no 2D canvas to read the layers' pixels.");
    context.drawImage(bitmap, 0, 0);
    const image = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: image.width, height: image.height, data: image.data };
  } finally {
    bitmap.close();
  }
}
