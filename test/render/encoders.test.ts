// The plugin's local encoders in real Chromium (WebCodecs, mediabunny, gifenc), their files read back
// with mediabunny's demuxer and sharp.
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from "mediabunny";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frameCount } from "../../src/shared/camera.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { servePage, type PageServer } from "../helpers/page-server.js";
import { parallaxScene } from "../helpers/parallax-scene.js";

type Encoded =
  { bytes: number[]; contentType: string; progress: number[]; codec?: string } | { error: string; progress: number[] };

describe.skipIf(skipWithoutChromium("local encoders in Chromium"))("local encoders", () => {
  let server: PageServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    server = await servePage(new URL("./encode-page.ts", import.meta.url).pathname);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => "encode" in globalThis);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.close();
  });

  const encode = (request: object) =>
    page.evaluate((r) => (globalThis as unknown as { encode(r: object): Promise<Encoded> }).encode(r), request);

  async function videoInfo(bytes: Uint8Array) {
    const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
    const track = (await input.getPrimaryVideoTrack())!;
    let frames = 0;
    let keyFrames = 0;
    const sink = new EncodedPacketSink(track);
    const sizes: number[] = [];
    for await (const packet of sink.packets()) {
      frames++;
      if (packet.type === "key") keyFrames++;
      sizes.push(packet.byteLength);
    }
    return {
      mimeType: await input.getMimeType(),
      codec: track.codec,
      width: track.displayWidth,
      height: track.displayHeight,
      frames,
      keyFrames,
      duration: await input.computeDuration(),
    };
  }

  it("makes H.264 in MP4 where Chromium can, with every frame and the exact duration", async () => {
    const result = await encode({
      format: "video",
      width: 320,
      height: 180,
      frameCount: 60,
      fps: 30,
    });
    if ("error" in result) throw new Error(result.error);
    expect(result.contentType).toBe("video/mp4");
    const info = await videoInfo(new Uint8Array(result.bytes));
    expect(info).toMatchObject({ codec: "avc", width: 320, height: 180, frames: 60 });
    expect(info.mimeType).toMatch(/^video\/mp4/);
    expect(info.duration).toBeCloseTo(2, 2);
    expect(result.progress).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("chooses WebM with VP9 where H.264 cannot take the size", async () => {
    const choice = await page.evaluate(() =>
      (globalThis as unknown as { chooseVideoCodec(w: number, h: number): Promise<unknown> }).chooseVideoCodec(
        321,
        181,
      ),
    );
    expect(choice).toMatchObject({ container: "webm", contentType: "video/webm" });
    const result = await encode({
      format: "video",
      width: 321,
      height: 181,
      frameCount: 10,
      fps: 10,
    });
    if ("error" in result) throw new Error(result.error);
    const info = await videoInfo(new Uint8Array(result.bytes));
    expect(info).toMatchObject({ width: 321, height: 181, frames: 10 });
    expect(info.codec === "vp9" || info.codec === "vp8").toBe(true);
    expect(info.duration).toBeCloseTo(1, 2);
  });

  it("lists every codec this browser encodes at a size, best first", async () => {
    const probe = (width: number, height: number) =>
      page.evaluate(
        ([w, h]) =>
          (
            globalThis as unknown as { encodableVideo(w: number, h: number): Promise<Array<{ codec: string }>> }
          ).encodableVideo(w!, h!),
        [width, height],
      );
    // Debian's Chromium encodes all three at 1920 × 1080; an odd size rules out H.264 alone.
    expect((await probe(1920, 1080)).map((c) => c.codec)).toEqual(["avc", "vp9", "vp8"]);
    const odd = (await probe(321, 181)).map((c) => c.codec);
    expect(odd).not.toContain("avc");
    expect(odd[0]).toBe("vp9");
  });

  it("makes a GIF of every frame at the frame rate, with frames that differ", async () => {
    const result = await encode({ format: "gif", width: 64, height: 32, frameCount: 15, fps: 15 });
    if ("error" in result) throw new Error(result.error);
    expect(result.contentType).toBe("image/gif");
    const bytes = Buffer.from(result.bytes);
    const meta = await sharp(bytes, { animated: true }).metadata();
    expect(meta).toMatchObject({ format: "gif", width: 64, pageHeight: 32, pages: 15 });
    expect(meta.delay!.reduce((a, b) => a + b, 0)).toBe(1000);
    const first = await sharp(bytes, { page: 0 }).raw().toBuffer();
    const middle = await sharp(bytes, { page: 7 }).raw().toBuffer();
    expect(first.equals(middle)).toBe(false);
  });

  it("stops at the next frame when cancelled and rejects with the reason", async () => {
    for (const format of ["video", "gif"]) {
      const result = await encode({
        format,
        width: 64,
        height: 64,
        frameCount: 30,
        fps: 30,
        abortAfter: 5,
      });
      expect(result).toMatchObject({ error: "cancelled by the test" });
      expect(result.progress).toEqual([1, 2, 3, 4, 5]);
    }
  });

  const animate = (options: object, abortAfter?: number) => {
    const scene = parallaxScene();
    const request = {
      width: scene.width,
      height: scene.height,
      rgba: Array.from(scene.rgba),
      disparity: Array.from(scene.disparity),
      options,
      abortAfter,
    };
    return page.evaluate(
      (r) => (globalThis as unknown as { animate(r: object): Promise<Encoded> }).animate(r),
      request,
    );
  };

  it("renderAnimation makes the emulator's frames as an MP4: frame count, rate and size from the options", async () => {
    const options = { animationType: "mp4", animationLength: 1, outputFps: 24, numberOfLoops: 1 } as const;
    const result = await animate(options);
    if ("error" in result) throw new Error(result.error);
    expect(result.contentType).toBe("video/mp4");
    const info = await videoInfo(new Uint8Array(result.bytes));
    const frames = frameCount(options, 24);
    expect(frames).toBe(48);
    expect(info).toMatchObject({ codec: "avc", width: 160, height: 120, frames });
    expect(info.duration).toBeCloseTo(2, 2);
    expect(result.progress.at(-1)).toBe(frames);
  });

  it("renderAnimation makes a GIF of the asked size whose frames move", async () => {
    const result = await animate({ animationType: "gif", animationLength: 1, outputFps: 10, outputWidth: 80 });
    if ("error" in result) throw new Error(result.error);
    expect(result.contentType).toBe("image/gif");
    const bytes = Buffer.from(result.bytes);
    const meta = await sharp(bytes, { animated: true }).metadata();
    expect(meta).toMatchObject({ width: 80, pageHeight: 60, pages: 10 });
    const first = await sharp(bytes, { page: 0 }).raw().toBuffer();
    const middle = await sharp(bytes, { page: 5 }).raw().toBuffer();
    expect(first.equals(middle)).toBe(false);
  });

  it("renderAnimation stops at the next frame when cancelled", async () => {
    const result = await animate({ animationType: "mp4", animationLength: 2, outputFps: 30 }, 3);
    expect(result).toMatchObject({ error: "cancelled by the test", progress: [1, 2, 3] });
  });
});
