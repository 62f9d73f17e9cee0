// Test images made on the fly: a sky-to-ground gradient with a bright disc in front, so depth has
// something to follow.
import { createHash } from "node:crypto";
import sharp from "sharp";

export function sceneRgb(width: number, height: number, seed = 0): Buffer {
  const data = Buffer.alloc(width * height * 3);
  const cx = width * (0.4 + 0.1 * (seed % 3)),
    cy = height * 0.6,
    r = Math.min(width, height) * 0.25;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < r * r;
      const sky = y / height;
      data[i] = inDisc ? 230 : Math.round(60 + 80 * sky);
      data[i + 1] = inDisc ? 80 + ((x * 7 + y * 3 + seed) % 40) : Math.round(120 + 60 * sky);
      data[i + 2] = inDisc ? 40 : Math.round(200 - 120 * sky);
    }
  }
  // Each seed a different image, whatever the pattern above repeats.
  data.writeUInt32BE(seed >>> 0, 0);
  return data;
}

export async function scenePng(width = 64, height = 48, seed = 0): Promise<Buffer> {
  return sharp(sceneRgb(width, height, seed), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export async function sceneImage(format: "png" | "jpeg" | "webp", width = 64, height = 48, seed = 0): Promise<Buffer> {
  return sharp(sceneRgb(width, height, seed), { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
