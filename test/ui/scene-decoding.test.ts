// The preview's scene decoding in Chromium, where createImageBitmap exists: 16-bit depth kept whole
// at its own size, and a sentence for an image or a depth map that cannot be decoded.
import { encode } from "fast-png";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SENTENCES } from "../../src/ui/preview/load-scene.js";
import { samplePng } from "../fake-figma/sample-images.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { servePage, type PageServer } from "../helpers/page-server.js";
import type { DecodeRequest } from "./scene-decoding-page.js";

const image = Array.from(samplePng(30, 20, 1));
const ramp = Uint16Array.from({ length: 15 * 10 }, (_, i) => 30000 + i);
const depth16 = Array.from(encode({ width: 15, height: 10, data: ramp, channels: 1, depth: 16 }));
/** A PNG's signature and header with its image data cut off: a header reader takes it, a decoder does not. */
const damaged = (png: number[]) => png.slice(0, 40);

describe.skipIf(skipWithoutChromium("scene decoding in Chromium"))("the preview's scene decoding", () => {
  let server: PageServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    server = await servePage(new URL("./scene-decoding-page.ts", import.meta.url).pathname);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => "decode" in globalThis);
  });
  afterAll(async () => {
    await browser?.dispose();
    await server?.close();
  });

  const decode = (request: DecodeRequest) =>
    page.evaluate((r) => (globalThis as unknown as { decode(r: DecodeRequest): Promise<unknown> }).decode(r), request);

  it("keeps a 16-bit map of another size than the image whole, for the renderer to scale", async () => {
    expect(await decode({ image, depth: depth16 })).toEqual({
      status: "ready",
      size: { width: 30, height: 20 },
      depth: { width: 15, height: 10, data: Array.from(ramp) },
    });
  });

  it("says which file could not be decoded, and that there is no depth map when there is none", async () => {
    expect(await decode({ image, depth: damaged(depth16) })).toEqual({ status: "problem", sentence: SENTENCES.depth });
    expect(await decode({ image: damaged(image), depth: depth16 })).toEqual({
      status: "problem",
      sentence: SENTENCES.image,
    });
    expect(await decode({ image, depth: null })).toEqual({ status: "no-depth" });
  });
});
