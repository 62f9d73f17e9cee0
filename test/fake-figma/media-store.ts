/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// Images and videos are not nodes in Figma: they are content-addressed blobs that paints refer to by
// hash. This store is what createImage, getImageByHash and createVideoAsync read and write.
import { convertIndexedToRgb, decode, type DecodedPng } from "fast-png";
import { figmaError } from "./errors.js";
import { readImageHeader, sniffVideo, type ImageFormat, type VideoFormat } from "./media-formats.js";
import { sha1Hex } from "./sha1.js";

export const MAX_IMAGE_SIDE = 4096;
// Figma says "100MB"; the decimal reading is the stricter one.
export const MAX_VIDEO_BYTES = 100_000_000;

export interface Colour {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

export class FakeImage implements Image {
  readonly #bytes: Uint8Array;
  #average: Colour | undefined;

  constructor(
    readonly hash: string,
    bytes: Uint8Array,
    readonly format: ImageFormat,
    readonly width: number,
    readonly height: number,
  ) {
    this.#bytes = bytes;
  }

  // A copy each time: the caller may transfer or overwrite what it receives.
  async getBytesAsync(): Promise<Uint8Array> {
    return this.#bytes.slice();
  }

  async getSizeAsync(): Promise<{ width: number; height: number }> {
    return { width: this.width, height: this.height };
  }

  // Only PNG is decodable without a codec; JPEG and GIF get a stable colour from their hash, which
  // still makes different images render differently. Kept, since decoding a large PNG takes time.
  averageColour(): Colour {
    this.#average ??= (this.format === "PNG" && averagePngColour(this.#bytes)) || hashColour(this.hash);
    return this.#average;
  }
}

export class FakeVideo implements Video {
  constructor(
    readonly hash: string,
    readonly format: VideoFormat,
  ) {}
}

export function hashColour(hash: string): Colour {
  const channel = (at: number) => parseInt(hash.slice(at, at + 2), 16) / 255;
  return { r: channel(0), g: channel(2), b: channel(4), a: 1 };
}

// Averages a grid of at most 64 x 64 samples: enough for a representative colour of a large image.
// createImage only reads the header, so a file with a damaged body falls back to the hash colour.
function averagePngColour(bytes: Uint8Array): Colour | null {
  let png: DecodedPng;
  try {
    png = decode(bytes);
  } catch {
    return null;
  }
  const data = png.palette ? convertIndexedToRgb(png) : png.data;
  const channels = png.palette ? png.palette[0]!.length : png.channels;
  if (!png.palette && png.depth < 8) return null;
  const max = png.palette ? 255 : 2 ** png.depth - 1;
  const stepX = Math.max(1, Math.floor(png.width / 64));
  const stepY = Math.max(1, Math.floor(png.height / 64));
  const sum = { r: 0, g: 0, b: 0, a: 0 };
  let count = 0;
  for (let y = 0; y < png.height; y += stepY) {
    for (let x = 0; x < png.width; x += stepX) {
      const at = (y * png.width + x) * channels;
      const grey = channels < 3;
      sum.r += data[at]!;
      sum.g += data[grey ? at : at + 1]!;
      sum.b += data[grey ? at : at + 2]!;
      sum.a += channels === 2 || channels === 4 ? data[at + channels - 1]! : max;
      count++;
    }
  }
  const mean = (value: number) => value / count / max;
  return { r: mean(sum.r), g: mean(sum.g), b: mean(sum.b), a: mean(sum.a) };
}

export class MediaStore {
  readonly #images = new Map<string, FakeImage>();
  readonly #videos = new Map<string, FakeVideo>();

  constructor(private readonly videoAllowed: boolean) {}

  createImage(data: Uint8Array): FakeImage {
    if (!(data instanceof Uint8Array)) throw figmaError("createImage", "Expected a Uint8Array");
    const header = readImageHeader(data);
    if (!header) throw figmaError("createImage", "Image type is unsupported");
    if (header.width > MAX_IMAGE_SIDE || header.height > MAX_IMAGE_SIDE)
      throw figmaError("createImage", "Image is too large");
    const hash = sha1Hex(data);
    // The same bytes are the same image: Figma stores each file once and hands back one handle.
    const existing = this.#images.get(hash);
    if (existing) return existing;
    const image = new FakeImage(hash, data.slice(), header.format, header.width, header.height);
    this.#images.set(hash, image);
    return image;
  }

  getImageByHash(hash: string): FakeImage | null {
    return this.#images.get(hash) ?? null;
  }

  async createVideo(data: Uint8Array): Promise<FakeVideo> {
    if (!(data instanceof Uint8Array)) throw figmaError("createVideoAsync", "Expected a Uint8Array");
    if (!this.videoAllowed) {
      throw figmaError(
        "createVideoAsync",
        "Video can only be added to files in a paid Education, Professional or Organization team",
      );
    }
    if (data.length > MAX_VIDEO_BYTES) throw figmaError("createVideoAsync", "Video is too large (the limit is 100 MB)");
    const format = sniffVideo(data);
    if (!format) throw figmaError("createVideoAsync", "Video type is unsupported (MP4, MOV or WebM expected)");
    const hash = sha1Hex(data);
    const video = this.#videos.get(hash) ?? new FakeVideo(hash, format);
    this.#videos.set(hash, video);
    return video;
  }
}
