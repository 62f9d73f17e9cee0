// createImage, getImageByHash and createVideoAsync: magic bytes, header sizes, limits and hashes.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createFakeFigma, MAX_VIDEO_BYTES, samplePng } from "./index.js";
import { sha1Hex } from "./sha1.js";

const be16 = (value: number) => [value >> 8, value & 0xff];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

// A JPEG's structure up to its frame header: SOI, a JFIF APP0 segment, a DQT-like filler segment,
// then the SOFn segment that carries the size. Enough for a header reader, not for a decoder.
function jpegHeader(width: number, height: number, sof = 0xc0): Uint8Array {
  const app0 = [0xff, 0xe0, ...be16(16), ...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const filler = [0xff, 0xdb, ...be16(5), 0, 0, 0];
  const frame = [0xff, sof, ...be16(11), 8, ...be16(height), ...be16(width), 1, 1, 0x11, 0];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...filler, ...frame, 0xff, 0xd9]);
}

function gifHeader(width: number, height: number, version = "GIF89a"): Uint8Array {
  return Uint8Array.from([...ascii(version), width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 0, 0, 0x3b]);
}

function pngHeader(width: number, height: number): Uint8Array {
  const u32 = (value: number) => [value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...u32(13),
    ...ascii("IHDR"),
    ...u32(width),
    ...u32(height),
    8,
    6,
    0,
    0,
    0,
  ]);
}

const mp4 = (brand: string) =>
  Uint8Array.from([0, 0, 0, 24, ...ascii("ftyp"), ...ascii(brand), 0, 0, 2, 0, ...ascii("isommp41")]);
const matroska = (docType: string) =>
  Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...ascii(docType)]);

describe("sha1Hex", () => {
  it("matches SHA-1 for empty, block-edge and multi-block inputs", () => {
    for (const length of [0, 3, 55, 56, 64, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      expect(sha1Hex(bytes)).toBe(createHash("sha1").update(bytes).digest("hex"));
    }
  });
});

describe("createImage", () => {
  it("reads the size from PNG, JPEG and GIF headers and names the image by its SHA-1", async () => {
    const fake = createFakeFigma();
    const cases = [
      [samplePng(40, 30), 40, 30],
      [jpegHeader(640, 480), 640, 480],
      [jpegHeader(1200, 900, 0xc2), 1200, 900],
      [gifHeader(320, 200), 320, 200],
      [gifHeader(16, 8, "GIF87a"), 16, 8],
    ] as const;
    for (const [bytes, width, height] of cases) {
      const image = fake.figma.createImage(bytes);
      expect(await image.getSizeAsync()).toEqual({ width, height });
      expect(image.hash).toBe(createHash("sha1").update(bytes).digest("hex"));
    }
  });

  it("keeps the original bytes, hands out copies and finds the image by hash", async () => {
    const fake = createFakeFigma();
    const bytes = samplePng(8, 8, 3);
    const image = fake.figma.createImage(bytes);
    bytes.fill(0);
    const first = await image.getBytesAsync();
    expect(first).toEqual(samplePng(8, 8, 3));
    first.fill(0);
    expect(await image.getBytesAsync()).toEqual(samplePng(8, 8, 3));
    expect(fake.figma.getImageByHash(image.hash)).toBe(image);
    expect(fake.figma.createImage(samplePng(8, 8, 3))).toBe(image);
    expect(fake.figma.getImageByHash("0".repeat(40))).toBeNull();
  });

  it("accepts 4096 px per side and refuses more", () => {
    const fake = createFakeFigma();
    expect(() => fake.figma.createImage(pngHeader(4096, 4096))).not.toThrow();
    expect(() => fake.figma.createImage(pngHeader(4097, 10))).toThrow("in createImage: Image is too large");
    expect(() => fake.figma.createImage(jpegHeader(100, 5000))).toThrow("Image is too large");
    expect(() => fake.figma.createImage(gifHeader(4100, 1))).toThrow("Image is too large");
  });

  it("refuses other formats and broken headers", () => {
    const fake = createFakeFigma();
    const webp = Uint8Array.from([...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WEBPVP8 ")]);
    const sosBeforeFrame = Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
    for (const bytes of [webp, sosBeforeFrame, pngHeader(10, 10).slice(0, 20), gifHeader(0, 10), new Uint8Array(0)]) {
      expect(() => fake.figma.createImage(bytes)).toThrow("Image type is unsupported");
    }
    expect(() => fake.figma.createImage([1, 2, 3] as never)).toThrow(/Uint8Array/);
  });
});

describe("createVideoAsync", () => {
  it("accepts MP4, MOV and WebM by their signatures", async () => {
    const fake = createFakeFigma();
    for (const bytes of [mp4("isom"), mp4("qt  "), matroska("webm")]) {
      const video = await fake.figma.createVideoAsync(bytes);
      expect(video.hash).toBe(createHash("sha1").update(bytes).digest("hex"));
    }
  });

  it("refuses other files, Matroska that is not WebM, and more than 100 MB", async () => {
    const fake = createFakeFigma();
    await expect(fake.figma.createVideoAsync(matroska("matroska"))).rejects.toThrow(/Video type is unsupported/);
    await expect(fake.figma.createVideoAsync(samplePng(4, 4))).rejects.toThrow(/Video type is unsupported/);
    const huge = new Uint8Array(MAX_VIDEO_BYTES + 1);
    huge.set(mp4("isom"));
    await expect(fake.figma.createVideoAsync(huge)).rejects.toThrow(/Video is too large/);
  });

  it("is refused in a file whose team cannot take video", async () => {
    const fake = createFakeFigma({ videoAllowed: false });
    await expect(fake.figma.createVideoAsync(mp4("isom"))).rejects.toThrow(/in createVideoAsync: .*paid/);
  });
});
