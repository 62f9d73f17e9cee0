// The backend's pure pieces: content addressing, status mapping, image headers, object samples, URL signatures.
import { createHash, randomBytes } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectImage } from "../../src/backend/image/inspect.js";
import { retryAfterSeconds, upstreamError } from "../../src/backend/immersity/status-mapping.js";
import { canonicalDisparityOptions, resultIdFor, stableJson } from "../../src/backend/jobs/result-id.js";
import {
  contentTypeAllowed,
  fromQuery,
  importSigningKey,
  sign,
  toQuery,
  verify,
} from "../../src/backend/storage/url-signing.js";
import {
  SAMPLE_HEAD_BYTES,
  SAMPLE_TAIL_BYTES,
  Sampler,
  sampleStream,
} from "../../src/backend/storage/object-sample.js";
import { STORAGE_KEY } from "../../src/backend/storage/storage.js";
import { sceneImage } from "../helpers/images.js";

const limits = { maxSide: 8000, maxPixels: 40_000_000 };
/** A file small enough to be whole in both its head and its tail. */
const whole = (bytes: Uint8Array) => ({ head: bytes, tail: bytes, size: bytes.length });

describe("content addressing", () => {
  it("fills defaults so an empty options object and the explicit defaults are one result", async () => {
    const sha = "a".repeat(64);
    const implicit = resultIdFor("disparity", sha, canonicalDisparityOptions({}));
    const explicit = resultIdFor(
      "disparity",
      sha,
      canonicalDisparityOptions({ outputBitDepth: "uint8", inputType: "image2d", dilation: 0.0063 }),
    );
    expect(implicit).toBe(explicit);
    expect(implicit).toMatch(/^[0-9a-f]{64}$/);
    expect(resultIdFor("disparity", sha, canonicalDisparityOptions({ dilation: 0 }))).not.toBe(implicit);
    expect(resultIdFor("animation", sha, canonicalDisparityOptions({}))).not.toBe(implicit);
    expect(resultIdFor("disparity", "b".repeat(64), canonicalDisparityOptions({}))).not.toBe(implicit);
  });

  it("writes JSON with sorted keys at every level", () => {
    expect(stableJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });
});

describe("upstream status mapping", () => {
  it.each([
    [400, "upstream_rejected", 502],
    [401, "upstream_auth_failed", 502],
    [402, "insufficient_credits", 402],
    [429, "rate_limited", 429],
    [500, "upstream_unavailable", 502],
    [503, "upstream_unavailable", 502],
    [418, "upstream_rejected", 502],
  ])("%i becomes %s (%i)", (status, code, ours) => {
    const error = upstreamError(status, "3");
    expect([error.code, error.status]).toEqual([code, ours]);
  });

  it("reads Retry-After in seconds or as a date, and never less than 1 s", () => {
    expect(retryAfterSeconds("12")).toBe(12);
    expect(retryAfterSeconds("0")).toBe(1);
    expect(retryAfterSeconds(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(retryAfterSeconds(null)).toBe(1);
    expect(retryAfterSeconds("soon")).toBe(1);
    expect(upstreamError(429, "12").headers).toEqual({ "retry-after": "12" });
  });
});

describe("image headers", () => {
  it("reads type and size of PNG, JPEG and WebP", async () => {
    for (const format of ["png", "jpeg", "webp"] as const) {
      const info = inspectImage(whole(await sceneImage(format, 33, 21)), `image/${format}`, limits);
      expect(info).toEqual({ contentType: `image/${format}`, width: 33, height: 21 });
    }
  });

  it("refuses a type other than the claimed one", async () => {
    const jpeg = await sceneImage("jpeg", 10, 10);
    expect(() => inspectImage(whole(jpeg), "image/png", limits)).toThrow(
      expect.objectContaining({ code: "image_invalid" }),
    );
  });

  it("refuses truncated files of each type", async () => {
    for (const format of ["png", "jpeg", "webp"] as const) {
      const bytes = await sceneImage(format, 40, 40);
      expect(() => inspectImage(whole(bytes.subarray(0, bytes.length - 7)), `image/${format}`, limits), format).toThrow(
        expect.objectContaining({ code: "image_invalid" }),
      );
    }
  });

  it("applies the side and pixel limits", async () => {
    const png = await sceneImage("png", 100, 50);
    expect(() => inspectImage(whole(png), "image/png", { maxSide: 99, maxPixels: 1e9 })).toThrow(
      expect.objectContaining({ code: "image_too_large" }),
    );
    expect(() => inspectImage(whole(png), "image/png", { maxSide: 1000, maxPixels: 4999 })).toThrow(
      expect.objectContaining({ code: "image_too_large" }),
    );
    expect(inspectImage(whole(png), "image/png", { maxSide: 100, maxPixels: 5000 }).width).toBe(100);
  });
});

/** Bytes in chunks of uneven sizes, as a stream delivers them. */
async function* chunked(bytes: Uint8Array, sizes = [1, 7000, 65536, 3]) {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe("object samples", () => {
  it("take the hash, the size, and the first and last bytes of a stream", async () => {
    const bytes = randomBytes(SAMPLE_HEAD_BYTES + 100_000);
    const sample = await sampleStream(chunked(bytes));
    expect(sample.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(sample.size).toBe(bytes.length);
    expect(Buffer.from(sample.head).equals(bytes.subarray(0, SAMPLE_HEAD_BYTES))).toBe(true);
    expect(Buffer.from(sample.tail).equals(bytes.subarray(bytes.length - SAMPLE_TAIL_BYTES))).toBe(true);
    const small = await sampleStream(chunked(bytes.subarray(0, 10)));
    expect([small.head.length, small.tail.length]).toEqual([10, 10]);
  });

  it("let a large image be checked from its head and tail alone", async () => {
    const noise = randomBytes(900 * 700 * 3);
    const jpeg = await sharp(noise, { raw: { width: 900, height: 700, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(jpeg.length).toBeGreaterThan(SAMPLE_HEAD_BYTES * 2);
    expect(inspectImage(await sampleStream(chunked(jpeg)), "image/jpeg", limits)).toMatchObject({
      width: 900,
      height: 700,
    });
    const truncated = await sampleStream(chunked(jpeg.subarray(0, jpeg.length - 1000)));
    expect(() => inspectImage(truncated, "image/jpeg", limits)).toThrow(
      expect.objectContaining({ code: "image_invalid" }),
    );
  });

  it("refuse more bytes than allowed as they arrive", async () => {
    const sampler = new Sampler({ maxSize: 100 });
    const passed: number[] = [];
    await expect(async () => {
      for await (const chunk of sampler.pass(chunked(new Uint8Array(300), [60]))) passed.push(chunk.length);
    }).rejects.toMatchObject({ code: "payload_too_large" });
    expect(passed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100);
  });

  it("hold the last chunk back until the hash is known to be the expected one", async () => {
    const bytes = randomBytes(5000);
    const right = createHash("sha256").update(bytes).digest("hex");
    const through = async (sha256: string) => {
      const passed: Uint8Array[] = [];
      const sampler = new Sampler({ sha256 });
      const outcome = await (async () => {
        for await (const chunk of sampler.pass(chunked(bytes, [1000]))) passed.push(chunk);
      })().then(
        () => "done",
        (error: { code?: string }) => error.code,
      );
      return { outcome, received: Buffer.concat(passed).length };
    };
    expect(await through(right)).toEqual({ outcome: "done", received: 5000 });
    expect(await through("0".repeat(64))).toEqual({ outcome: "image_hash_mismatch", received: 4000 });
  });
});

describe("storage keys and URL signatures", () => {
  it("accepts the backend's keys and nothing that could leave the folder", () => {
    for (const key of ["uploads/" + "a".repeat(64), "results/x.png"]) expect(STORAGE_KEY.test(key), key).toBe(true);
    for (const key of [
      "../x",
      "uploads/../../x",
      "/etc/passwd",
      "uploads/./x",
      "uploads//x",
      "Uploads/x",
      "uploads/x\n",
      "a/..",
      ".hidden",
      "",
    ]) {
      expect(STORAGE_KEY.test(key), JSON.stringify(key)).toBe(false);
    }
  });

  it("verifies its own signature and refuses any changed field or another secret", async () => {
    const key = await importSigningKey("s".repeat(32));
    const other = await importSigningKey("t".repeat(32));
    const fields = {
      method: "PUT" as const,
      key: "uploads/x",
      expires: 2_000_000_000,
      contentType: "image/png",
      maxSize: 10,
      sha256: "ab",
    };
    const signature = await sign(key, fields);
    const round = fromQuery("PUT", "uploads/x", toQuery(fields, signature))!;
    expect(await verify(key, round.fields, round.signature)).toBe(true);
    expect(await verify(other, fields, signature)).toBe(false);
    for (const change of [
      { method: "GET" as const },
      { key: "uploads/y" },
      { expires: 2_000_000_001 },
      { contentType: "image/jpeg" },
      { maxSize: 11 },
      { sha256: "cd" },
    ]) {
      expect(await verify(key, { ...fields, ...change }, signature), JSON.stringify(change)).toBe(false);
    }
    expect(await verify(key, fields, "short")).toBe(false);
    expect(fromQuery("PUT", "k", new URLSearchParams("X-Expires=soon&X-Signature=x"))).toBeNull();
  });

  it("matches exact content types, and image/* against image types only", () => {
    expect(contentTypeAllowed("image/png", "image/png")).toBe(true);
    expect(contentTypeAllowed("image/png", "image/jpeg")).toBe(false);
    expect(contentTypeAllowed("image/*", "image/webp")).toBe(true);
    expect(contentTypeAllowed("image/*", "text/html")).toBe(false);
    expect(contentTypeAllowed("image/*", "image/png; charset=x")).toBe(false);
  });
});
