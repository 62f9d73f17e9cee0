// What the backend and its storage refuse, each with a problem+json and no credit spent.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { importSigningKey, sign, toQuery } from "../../src/backend/storage/url-signing.js";
import { Problem } from "../../src/shared/errors.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { startStack, upload, type Stack } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(async () => {
  await fetch(`${stack.emulator.url}/__emulator/reset`, { method: "POST" });
});

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = Problem.parse(await response.json());
  expect(problem.code).toBe(code);
  return problem;
}

async function presign(bytes: Uint8Array, contentType = "image/png") {
  const response = await stack.api("/v1/uploads", { json: { sha256: sha256(bytes), contentType, size: bytes.length } });
  expect(response.status).toBe(200);
  return (await response.json()) as { imageId: string; upload: { url: string; headers: Record<string, string> } };
}

/** Writes an object the way a storage that checks nothing would take it. */
async function plant(key: string, bytes: Uint8Array, contentType: string) {
  const file = path.join(stack.storageDir, "objects", key);
  await mkdir(path.dirname(file), { recursive: true });
  await mkdir(path.dirname(path.join(stack.storageDir, "meta", key)), { recursive: true });
  await writeFile(path.join(stack.storageDir, "meta", `${key}.json`), JSON.stringify({ contentType }));
  await writeFile(file, bytes);
}

describe("API keys", () => {
  it("answers 401 without a key, with a wrong key and with a short one", async () => {
    for (const authorization of ["", "Bearer wrong-key-0123456789abcdef", "Bearer short", "Basic dGVzdA=="]) {
      const response = await fetch(`${stack.backend.url}/v1/prices`, { headers: authorization ? { authorization } : {} });
      await expectProblem(response, 401, "unauthorized");
    }
  });

  it("lets health and the OpenAPI document through without a key, and says nothing secret", async () => {
    const health = await fetch(`${stack.backend.url}/v1/health`);
    expect(await health.json()).toEqual({ status: "ok", version: "0.1.0", storage: "local", upstream: "emulator" });
    const doc = await fetch(`${stack.backend.url}/v1/openapi.json`);
    const text = await doc.text();
    expect(JSON.parse(text).paths).toHaveProperty(["/v1/disparity"]);
    for (const secret of [stack.emulator.clientSecret, "test-key-0123456789abcdef"]) expect(text).not.toContain(secret);
  });
});

describe("CORS for the plugin's null origin", () => {
  it("answers a preflight and a request with Access-Control-Allow-Origin: *", async () => {
    const preflight = await fetch(`${stack.backend.url}/v1/disparity`, {
      method: "OPTIONS",
      headers: { origin: "null", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const response = await stack.api("/v1/prices", { headers: { origin: "null" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("request bodies", () => {
  it("refuses an oversized JSON body with 413", async () => {
    const response = await stack.api("/v1/uploads", { method: "POST", body: JSON.stringify({ pad: "x".repeat(100_000) }), headers: { "content-type": "application/json" } });
    await expectProblem(response, 413, "payload_too_large");
  });

  it("refuses malformed JSON, unknown fields, out-of-range options and ids that are not hashes", async () => {
    const bad = [
      "{not json",
      JSON.stringify({ imageId: "a".repeat(64), options: {}, extra: 1 }),
      JSON.stringify({ imageId: "a".repeat(64), options: { dilation: 0.5 } }),
      JSON.stringify({ imageId: "a".repeat(64), options: { outputBitDepth: "uint32" } }),
      JSON.stringify({ imageId: "a".repeat(64), options: { inputType: 3 } }),
      JSON.stringify({ imageId: "https://example.com/cat.png" }),
      JSON.stringify({ imageId: "../../signing-secret" }),
    ];
    for (const body of bad) {
      await expectProblem(await stack.api("/v1/disparity", { method: "POST", body, headers: { "content-type": "application/json" } }), 400, "invalid_request");
    }
    expect((await stack.stats()).calls.disparity ?? 0).toBe(0);
  });

  it("refuses other content types and oversized images at upload time", async () => {
    const sha = "b".repeat(64);
    await expectProblem(await stack.api("/v1/uploads", { json: { sha256: sha, contentType: "image/svg+xml", size: 10 } }), 415, "unsupported_media_type");
    await expectProblem(await stack.api("/v1/uploads", { json: { sha256: sha, contentType: "image/png", size: 60 * 1024 * 1024 } }), 413, "payload_too_large");
  });
});

describe("presigned storage URLs", () => {
  it("refuses a forged signature and an expired URL with 403", async () => {
    const png = await scenePng(30, 30, 11);
    const { upload: target } = await presign(png);
    const forged = new URL(target.url);
    const signature = forged.searchParams.get("X-Signature")!;
    forged.searchParams.set("X-Signature", (signature[0] === "A" ? "B" : "A") + signature.slice(1));
    await expectProblem(await fetch(forged, { method: "PUT", body: png, headers: target.headers }), 403, "signature_invalid");

    const longer = new URL(target.url);
    longer.searchParams.set("X-Max-Size", String(png.length * 10));
    await expectProblem(await fetch(longer, { method: "PUT", body: png, headers: target.headers }), 403, "signature_invalid");

    // Signed with the storage's own key, only already expired.
    const key = await importSigningKey((await readFile(path.join(stack.storageDir, "signing-secret"), "utf8")).trim());
    const original = new URL(target.url);
    const fields = {
      method: "PUT" as const,
      key: original.pathname.slice("/storage/".length),
      expires: Math.floor(Date.now() / 1000) - 1,
      contentType: "image/png",
      maxSize: png.length,
      sha256: sha256(png),
    };
    const expired = new URL(`${original.origin}${original.pathname}?${toQuery(fields, await sign(key, fields))}`);
    await expectProblem(await fetch(expired, { method: "PUT", body: png, headers: target.headers }), 403, "url_expired");
    fields.expires += 120;
    const valid = new URL(`${original.origin}${original.pathname}?${toQuery(fields, await sign(key, fields))}`);
    expect((await fetch(valid, { method: "PUT", body: png, headers: target.headers })).status).toBe(200);
  });

  it("refuses a PUT URL used to read, and another key with the same signature", async () => {
    const png = await scenePng(30, 30, 12);
    const { upload: target } = await presign(png);
    await expectProblem(await fetch(target.url), 403, "signature_invalid");
    const other = new URL(target.url);
    other.pathname = other.pathname.replace(/[0-9a-f]{64}$/, "c".repeat(64));
    await expectProblem(await fetch(other, { method: "PUT", body: png, headers: target.headers }), 403, "signature_invalid");
  });

  it("refuses the wrong content type, more bytes than signed, and bytes with another hash", async () => {
    const png = await scenePng(30, 30, 13);
    const { upload: target } = await presign(png);
    await expectProblem(await fetch(target.url, { method: "PUT", body: png, headers: { "content-type": "image/jpeg" } }), 415, "unsupported_media_type");
    await expectProblem(await fetch(target.url, { method: "PUT", body: Buffer.concat([png, png]), headers: target.headers }), 413, "payload_too_large");
    const other = Buffer.from(png);
    other.writeUInt8(other.readUInt8(other.length - 20) ^ 0xff, other.length - 20);
    await expectProblem(await fetch(target.url, { method: "PUT", body: other, headers: target.headers }), 422, "image_hash_mismatch");
    expect(await stack.api("/v1/disparity", { json: { imageId: sha256(png) } }).then((r) => r.status)).toBe(404);
  });

  it("refuses path traversal in storage keys", async () => {
    for (const route of ["/storage/../signing-secret", "/storage/%2e%2e/signing-secret", "/storage/uploads/..%2f..%2fsigning-secret", "/storage/%2fetc%2fpasswd"]) {
      const response = await fetch(stack.backend.url + route + "?X-Expires=9999999999&X-Signature=" + "A".repeat(43));
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
});

describe("checks on the stored upload before any credit is spent", () => {
  it("refuses bytes that are not an image of the claimed type", async () => {
    const text = new TextEncoder().encode("this is not an image at all, only text");
    const imageId = await upload(stack, text, "image/png", sha256(text));
    const problem = await expectProblem(await stack.api("/v1/disparity", { json: { imageId } }), 422, "image_invalid");
    expect(problem.detail).toMatch(/not a image\/png/);
    expect((await stack.stats()).calls.disparity ?? 0).toBe(0);
  });

  it("refuses a truncated PNG", async () => {
    const png = (await scenePng(60, 60, 14)).subarray(0, 200);
    const imageId = await upload(stack, png, "image/png", sha256(png));
    await expectProblem(await stack.api("/v1/disparity", { json: { imageId } }), 422, "image_invalid");
  });

  it("refuses planted bytes whose hash differs from the id, and removes them", async () => {
    const real = await scenePng(40, 40, 15);
    const planted = await scenePng(40, 40, 16);
    const imageId = sha256(real);
    await plant(`uploads/${imageId}`, planted, "image/png");
    await expectProblem(await stack.api("/v1/disparity", { json: { imageId } }), 422, "image_hash_mismatch");
    expect((await stack.stats()).calls.disparity ?? 0).toBe(0);
    // The real bytes can now be uploaded under their id.
    expect(await upload(stack, real, "image/png", imageId)).toBe(imageId);
  });

  it("refuses a header claiming more pixels than allowed without decoding it", async () => {
    const png = Buffer.from(await scenePng(10, 10, 17));
    png.writeUInt32BE(100_000, 16); // IHDR width
    png.writeUInt32BE(100_000, 20); // IHDR height
    const imageId = await upload(stack, png, "image/png", sha256(png));
    const problem = await expectProblem(await stack.api("/v1/disparity", { json: { imageId } }), 422, "image_too_large");
    expect(problem.detail).toContain("100000×100000");
  });

  it("answers image_not_found for an id never uploaded", async () => {
    await expectProblem(await stack.api("/v1/disparity", { json: { imageId: "d".repeat(64) } }), 404, "image_not_found");
  });
});

describe("logs", () => {
  it("write one line per request with its correlationId, and no secret", async () => {
    const response = await stack.api("/v1/prices");
    const correlationId = response.headers.get("x-correlation-id")!;
    const lines = stack.logs.filter((l) => l.includes(correlationId));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: "GET", path: "/v1/prices", status: 200 });
    const all = stack.logs.join("");
    for (const secret of [stack.emulator.clientSecret, "test-key-0123456789abcdef", "X-Signature"]) expect(all).not.toContain(secret);
  });
});
