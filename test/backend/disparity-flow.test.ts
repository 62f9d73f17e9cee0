// The main path over real HTTP: upload through a presigned URL, disparity through the emulator,
// the result read back, and content addressing that never pays twice.
import { describe, expect, it } from "vitest";
import { decode } from "fast-png";
import { ResultResponse, UploadResponse } from "../../src/shared/api.js";
import { sceneImage, scenePng, sha256 } from "../helpers/images.js";
import { startStack, upload } from "../helpers/stack.js";
import { useStack } from "../helpers/use-stack.js";

const stack = useStack();

async function disparity(imageId: string, options: object = {}, fresh?: boolean) {
  const response = await stack.api("/v1/disparity", {
    json: { imageId, options, ...(fresh === undefined ? {} : { fresh }) },
  });
  return { response, body: (await response.json()) as ResultResponse & { code?: string } };
}

describe("upload then disparity", () => {
  it("answers a readable 8-bit grayscale PNG of the input's size, marked synthetic", async () => {
    const png = await scenePng(120, 80);
    const imageId = await upload(stack, png, "image/png", sha256(png));
    const { response, body } = await disparity(imageId);
    expect(response.status).toBe(200);
    const result = ResultResponse.parse(body);
    expect(result).toMatchObject({ contentType: "image/png", cached: false });
    const read = await fetch(result.url);
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toBe("image/png");
    const decoded = decode(new Uint8Array(await read.arrayBuffer()));
    expect([decoded.width, decoded.height, decoded.channels, decoded.depth]).toEqual([120, 80, 1, 8]);
    expect(decoded.text.Comment).toMatch(/synthetic/i);
    expect((await stack.stats()).creditsSpent).toBe(10);
  });

  it("gives 16 bits when asked, and accepts JPEG and WebP input", async () => {
    for (const format of ["jpeg", "webp"] as const) {
      const bytes = await sceneImage(format, 90, 60, 1);
      const imageId = await upload(stack, bytes, `image/${format}`, sha256(bytes));
      const { response, body } = await disparity(imageId, { outputBitDepth: "uint16" });
      expect(response.status, JSON.stringify(body)).toBe(200);
      const decoded = decode(new Uint8Array(await (await fetch(body.url)).arrayBuffer()));
      expect([decoded.width, decoded.height, decoded.depth]).toEqual([90, 60, 16]);
    }
  });

  it("does not ask for an upload URL when the image is already stored", async () => {
    const png = await scenePng(40, 40, 7);
    const sha = sha256(png);
    await upload(stack, png, "image/png", sha);
    const again = UploadResponse.parse(
      await (
        await stack.api("/v1/uploads", { json: { sha256: sha, contentType: "image/png", size: png.length } })
      ).json(),
    );
    expect(again).toMatchObject({ imageId: sha, upload: null });
  });
});

describe("content addressing", () => {
  it("answers a repeat from storage at no cost, defaults spelled out or not", async () => {
    const png = await scenePng(64, 48, 2);
    const imageId = await upload(stack, png, "image/png", sha256(png));
    const first = await disparity(imageId);
    const second = await disparity(imageId, { dilation: 0.0063, outputBitDepth: "uint8", inputType: "image2d" });
    expect(second.body).toMatchObject({ cached: true, resultId: first.body.resultId });
    expect(second.body.correlationId).not.toBe(first.body.correlationId);
    const stats = await stack.stats();
    expect(stats.calls.disparity).toBe(1);
    expect(stats.creditsSpent).toBe(10);
  });

  it("gives other options another result, and fresh: true pays again", async () => {
    const png = await scenePng(64, 48, 3);
    const imageId = await upload(stack, png, "image/png", sha256(png));
    const a = await disparity(imageId);
    const b = await disparity(imageId, { dilation: 0 });
    expect(b.body.resultId).not.toBe(a.body.resultId);
    const c = await disparity(imageId, {}, true);
    expect(c.body).toMatchObject({ cached: false, resultId: a.body.resultId });
    expect((await stack.stats()).creditsSpent).toBe(30);
  });

  it("runs identical requests in flight once", async () => {
    const png = await scenePng(64, 48, 4);
    const imageId = await upload(stack, png, "image/png", sha256(png));
    await stack.faults({ latencyMs: 200 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => disparity(imageId)));
    expect(new Set(answers.map((a) => a.body.resultId)).size).toBe(1);
    expect(answers.every((a) => a.response.status === 200)).toBe(true);
    expect((await stack.stats()).calls.disparity).toBe(1);
  });
});

describe("tokens", () => {
  it("makes 20 concurrent jobs share one token request", async () => {
    const fresh = await startStack();
    try {
      const ids = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const png = await scenePng(32, 32, 100 + i);
          return upload(fresh, png, "image/png", sha256(png));
        }),
      );
      const answers = await Promise.all(ids.map((imageId) => fresh.api("/v1/disparity", { json: { imageId } })));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      const stats = await fresh.stats();
      expect(stats.tokenRequests).toBe(1);
      expect(stats.calls.disparity).toBe(20);
    } finally {
      await fresh.close();
    }
  });

  it("refreshes a revoked token once and succeeds", async () => {
    const png = await scenePng(50, 30, 5);
    const imageId = await upload(stack, png, "image/png", sha256(png));
    await stack.api("/v1/prices"); // holds a token now
    await stack.faults({ revokeTokens: true });
    const { response } = await disparity(imageId);
    expect(response.status).toBe(200);
    const stats = await stack.stats();
    expect(stats.tokenRequests).toBe(1);
    expect(stats.calls.disparity).toBe(2); // the 401, then the retry
    expect(stats.creditsSpent).toBe(10);
  });
});

describe("prices", () => {
  it("passes Immersity's price list through and keeps it", async () => {
    const fresh = await startStack();
    try {
      const first = await fresh.api("/v1/prices");
      expect(await first.json()).toEqual({ disparity: { mono: 10 }, animation: { mp4: 10, gif: 10 } });
      await fresh.api("/v1/prices");
      expect((await fresh.stats()).calls.prices).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
