// Bad input of every kind against the backend and its storage URLs: each is refused with a 4xx
// application/problem+json before any credit is spent, and the server goes on serving. Random
// bodies (fast-check) never make it fail, and every valid request the schemas describe is taken.
import fc from "fast-check";
import { once } from "node:events";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importSigningKey, sign, toQuery, type SignedFields } from "../../src/backend/storage/url-signing.js";
import { DisparityRequest, IMAGE_TYPES, UploadRequest } from "../../src/shared/api.js";
import { Problem, type ErrorCode } from "../../src/shared/errors.js";
import * as z from "zod";
import { sceneImage, scenePng, sha256 } from "../helpers/images.js";
import { expectProblem, until } from "../helpers/problems.js";
import { TEST_API_KEY, upload } from "../helpers/stack.js";
import { useStack } from "../helpers/use-stack.js";

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

let seed = 9000;
// Hundreds of requests to /v1/disparity here; the rate limit has a suite of its own.
const stack = useStack({ backendEnv: { RATE_LIMIT_PER_MINUTE: "100000" } });

const at = (route: string) => stack.backend.url + route;
const json = { "content-type": "application/json" };
const post = (route: string, body: RequestInit["body"], headers: Record<string, string> = json) =>
  stack.api(route, { method: "POST", body, headers });
/** Every JSON value posted, by route, for the check against the published schemas. */
const posted: { route: string; value: unknown }[] = [];
const postJson = (route: string, value: unknown) => (posted.push({ route, value }), post(route, JSON.stringify(value)));
const disparity = (value: unknown) => postJson("/v1/disparity", value);
const uploads = (value: unknown) => postJson("/v1/uploads", value);
const anId = "a".repeat(64);

interface Presigned {
  imageId: string;
  bytes: Buffer;
  upload: { url: string; headers: Record<string, string> };
}

async function presign(): Promise<Presigned> {
  const bytes = await scenePng(30, 30, seed++);
  const response = await post(
    "/v1/uploads",
    JSON.stringify({ sha256: sha256(bytes), contentType: "image/png", size: bytes.length }),
  );
  expect(response.status).toBe(200);
  return { ...((await response.json()) as Omit<Presigned, "bytes">), bytes };
}

/** A PUT of the presigned upload's bytes to a changed URL. */
async function putTo(
  change: (url: URL, target: Presigned) => void | Promise<void>,
  body?: (target: Presigned) => Uint8Array,
  headers?: Record<string, string>,
) {
  const target = await presign();
  const url = new URL(target.upload.url);
  await change(url, target);
  return fetch(url, {
    method: "PUT",
    body: (body?.(target) ?? target.bytes) as RequestInit["body"],
    headers: headers ?? target.upload.headers,
  });
}

/** A URL for the presigned upload's key, signed with the storage's own key, with some fields changed. */
async function resigned(target: Presigned, change: Partial<SignedFields>): Promise<URL> {
  const key = await importSigningKey((await readFile(path.join(stack.storageDir, "signing-secret"), "utf8")).trim());
  const original = new URL(target.upload.url);
  const fields: SignedFields = {
    method: "PUT",
    key: original.pathname.slice("/storage/".length),
    expires: Math.floor(Date.now() / 1000) + 600,
    contentType: "image/png",
    maxSize: target.bytes.length,
    sha256: target.imageId,
    ...change,
  };
  return new URL(`${original.origin}${original.pathname}?${toQuery(fields, await sign(key, fields))}`);
}

/** Stores bytes through the normal upload, then asks for their disparity. */
async function storedThenDisparity(bytes: Uint8Array, contentType = "image/png") {
  return disparity({ imageId: await upload(stack, bytes, contentType, sha256(bytes)) });
}

const storageKey = (route: string) =>
  fetch(at(`/storage/${route}${route.includes("?") ? "&" : "?"}X-Expires=9999999999&X-Signature=${"A".repeat(43)}`));

interface BadInput {
  name: string;
  status: number;
  code: ErrorCode;
  send(): Promise<Response>;
  /** Further checks on the refusal. */
  check?(problem: Problem, response: Response): Promise<void> | void;
}

const corsStillAnswers = (_: Problem, response: Response) =>
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
const noCallMade = async () => expect((await stack.stats()).calls.disparity ?? 0).toBe(0);

const cases: BadInput[] = [
  // API keys
  {
    name: "no Authorization header",
    status: 401,
    code: "unauthorized",
    send: () => fetch(at("/v1/prices")),
  },
  {
    name: "a wrong API key",
    status: 401,
    code: "unauthorized",
    send: () => fetch(at("/v1/prices"), { headers: { authorization: "Bearer wrong-key-0123456789abcdef" } }),
  },
  {
    name: "a short API key",
    status: 401,
    code: "unauthorized",
    send: () => fetch(at("/v1/prices"), { headers: { authorization: "Bearer short" } }),
  },
  {
    name: "the key as Basic credentials",
    status: 401,
    code: "unauthorized",
    send: () => fetch(at("/v1/prices"), { headers: { authorization: `Basic ${btoa(`x:${TEST_API_KEY}`)}` } }),
  },
  {
    name: "two words after Bearer",
    status: 401,
    code: "unauthorized",
    send: () => fetch(at("/v1/prices"), { headers: { authorization: `Bearer ${TEST_API_KEY} extra` } }),
  },
  {
    name: "the key in the query string",
    status: 401,
    code: "unauthorized",
    send: () => fetch(at(`/v1/prices?apiKey=${TEST_API_KEY}`)),
  },
  {
    name: "a foreign Origin without a key",
    status: 401,
    code: "unauthorized",
    send: () =>
      fetch(at("/v1/uploads"), {
        method: "POST",
        body: "{}",
        headers: { ...json, origin: "https://evil.example" },
      }),
    check: corsStillAnswers,
  },
  {
    name: "a foreign Origin with a wrong key on a route that spends credits",
    status: 401,
    code: "unauthorized",
    send: () =>
      fetch(at("/v1/disparity"), {
        method: "POST",
        body: JSON.stringify({ imageId: anId }),
        headers: {
          ...json,
          origin: "https://evil.example",
          authorization: "Bearer not-this-backends-key-0123",
        },
      }),
    check: corsStillAnswers,
  },
  // Bodies
  {
    name: "malformed JSON",
    status: 400,
    code: "invalid_request",
    send: () => post("/v1/disparity", "{not json"),
  },
  {
    name: "an empty body",
    status: 400,
    code: "invalid_request",
    send: () => post("/v1/disparity", ""),
  },
  {
    name: "a JSON array",
    status: 400,
    code: "invalid_request",
    send: () => post("/v1/uploads", "[]"),
  },
  {
    name: "JSON null",
    status: 400,
    code: "invalid_request",
    send: () => post("/v1/disparity", "null"),
  },
  {
    name: "text/plain instead of JSON",
    status: 415,
    code: "unsupported_media_type",
    send: () => post("/v1/disparity", JSON.stringify({ imageId: anId }), { "content-type": "text/plain" }),
  },
  {
    name: "a form instead of JSON",
    status: 415,
    code: "unsupported_media_type",
    send: () =>
      post("/v1/uploads", "sha256=x&size=1", {
        "content-type": "application/x-www-form-urlencoded",
      }),
  },
  {
    name: "JSON over MAX_JSON_BYTES",
    status: 413,
    code: "payload_too_large",
    send: () => postJson("/v1/uploads", { pad: "x".repeat(100_000) }),
  },
  {
    name: "huge JSON streamed without a length",
    status: 413,
    code: "payload_too_large",
    send: () => {
      const chunk = new TextEncoder().encode(`[${"1,".repeat(50_000)}1]`);
      const body = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 100; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      return stack.api("/v1/disparity", {
        method: "POST",
        body,
        headers: json,
        duplex: "half",
      } as RequestInit);
    },
  },
  {
    name: "deeply nested JSON",
    status: 400,
    code: "invalid_request",
    send: () => post("/v1/disparity", `${"[".repeat(30_000)}${"]".repeat(30_000)}`),
  },
  {
    name: "an unknown top-level field",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId, options: {}, extra: 1 }),
  },
  {
    name: "an unknown option",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId, options: { resultPresignedUrl: "https://evil.example/x" } }),
  },
  {
    name: "a __proto__ key",
    status: 400,
    code: "invalid_request",
    send: () => post("/v1/disparity", `{"imageId":"${anId}","__proto__":{"fresh":true}}`),
  },
  {
    name: "dilation out of range",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId, options: { dilation: 0.5 } }),
  },
  {
    name: "dilation as a string",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId, options: { dilation: "0.005" } }),
  },
  {
    name: "an unknown outputBitDepth",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId, options: { outputBitDepth: "uint32" } }),
  },
  {
    name: "inputType as a number",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId, options: { inputType: 3 } }),
  },
  {
    name: "fresh as a string",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId, fresh: "yes" }),
  },
  {
    name: "a URL where the image id is expected",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: "https://example.com/cat.png" }),
  },
  {
    name: "path traversal in the image id",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: "../../signing-secret" }),
  },
  {
    name: "an image id in uppercase hex",
    status: 400,
    code: "invalid_request",
    send: () => disparity({ imageId: anId.toUpperCase() }),
  },
  {
    name: "an upload of size zero",
    status: 400,
    code: "invalid_request",
    send: () => uploads({ sha256: anId, contentType: "image/png", size: 0 }),
  },
  {
    name: "a fractional size",
    status: 400,
    code: "invalid_request",
    send: () => uploads({ sha256: anId, contentType: "image/png", size: 10.5 }),
  },
  {
    name: "the size as a string",
    status: 400,
    code: "invalid_request",
    send: () => uploads({ sha256: anId, contentType: "image/png", size: "10" }),
  },
  {
    name: "a sha256 of 63 characters",
    status: 400,
    code: "invalid_request",
    send: () => uploads({ sha256: anId.slice(1), contentType: "image/png", size: 10 }),
  },
  {
    name: "no contentType",
    status: 400,
    code: "invalid_request",
    send: () => uploads({ sha256: anId, size: 10 }),
  },
  {
    name: "an SVG content type",
    status: 415,
    code: "unsupported_media_type",
    send: () => uploads({ sha256: anId, contentType: "image/svg+xml", size: 10 }),
  },
  {
    name: "an image type with parameters",
    status: 415,
    code: "unsupported_media_type",
    send: () => uploads({ sha256: anId, contentType: "image/png; charset=binary", size: 10 }),
  },
  {
    name: "a pattern that is not triplets",
    status: 400,
    code: "invalid_request",
    send: () => postJson("/v1/animation", { imageId: anId, options: { pattern: "{0,0,1, 0,1}" } }),
  },
  {
    name: "a pattern number past a double",
    status: 400,
    code: "invalid_request",
    send: () => postJson("/v1/animation", { imageId: anId, options: { pattern: "0,0,1e999" } }),
  },
  {
    name: "an outputFps not offered",
    status: 400,
    code: "invalid_request",
    send: () => postJson("/v1/animation", { imageId: anId, options: { outputFps: 12 } }),
  },
  {
    name: "an upload over MAX_UPLOAD_BYTES",
    status: 413,
    code: "payload_too_large",
    send: () => uploads({ sha256: anId, contentType: "image/png", size: MAX_UPLOAD_BYTES + 1 }),
  },
  // Storage URLs
  {
    name: "a forged signature",
    status: 403,
    code: "signature_invalid",
    send: () =>
      putTo((url) => {
        const signature = url.searchParams.get("X-Signature")!;
        url.searchParams.set("X-Signature", (signature[0] === "A" ? "B" : "A") + signature.slice(1));
      }),
  },
  {
    name: "a larger X-Max-Size than signed",
    status: 403,
    code: "signature_invalid",
    send: () => putTo((url, t) => url.searchParams.set("X-Max-Size", String(t.bytes.length * 10))),
  },
  {
    name: "a URL without its signature",
    status: 403,
    code: "signature_invalid",
    send: () => putTo((url) => url.searchParams.delete("X-Signature")),
  },
  {
    name: "a signature that is not base64url",
    status: 403,
    code: "signature_invalid",
    send: () => putTo((url) => url.searchParams.set("X-Signature", "!".repeat(43))),
  },
  {
    name: "an upload URL replayed for another key",
    status: 403,
    code: "signature_invalid",
    send: () => putTo((url) => void (url.pathname = url.pathname.replace(/[0-9a-f]{64}$/, "c".repeat(64)))),
  },
  {
    name: "an upload URL replayed to read",
    status: 403,
    code: "signature_invalid",
    send: async () => fetch((await presign()).upload.url),
  },
  {
    name: "an expired URL with a valid signature",
    status: 403,
    code: "url_expired",
    send: async () => {
      const target = await presign();
      const expired = await resigned(target, { expires: Math.floor(Date.now() / 1000) - 1 });
      return fetch(expired, { method: "PUT", body: target.bytes, headers: target.upload.headers });
    },
    check: async () => {
      // The same URL, signed alike but not expired, is taken: the refusal was the expiry alone.
      const target = await presign();
      const valid = await resigned(target, {});
      expect((await fetch(valid, { method: "PUT", body: target.bytes, headers: target.upload.headers })).status).toBe(
        200,
      );
    },
  },
  {
    name: "the wrong Content-Type on an upload",
    status: 415,
    code: "unsupported_media_type",
    send: () => putTo(() => {}, undefined, { "content-type": "image/jpeg" }),
  },
  {
    name: "more bytes than signed",
    status: 413,
    code: "payload_too_large",
    send: () =>
      putTo(
        () => {},
        (t) => Buffer.concat([t.bytes, t.bytes]),
      ),
  },
  {
    name: "bytes with another hash",
    status: 422,
    code: "image_hash_mismatch",
    send: () =>
      putTo(
        () => {},
        (t) => {
          const other = Buffer.from(t.bytes);
          other[other.length - 20]! ^= 0xff;
          return other;
        },
      ),
  },
  {
    name: "../ in a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("../signing-secret"),
  },
  {
    name: "%2e%2e in a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("%2e%2e/signing-secret"),
  },
  {
    name: "..%2f in a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("uploads/..%2f..%2fsigning-secret"),
  },
  {
    name: "an encoded absolute path as a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("%2fetc%2fpasswd"),
  },
  {
    name: "a double-encoded traversal in a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("%252e%252e/signing-secret"),
  },
  {
    name: "a backslash traversal in a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("uploads/..%5c..%5csigning-secret"),
  },
  {
    name: "a NUL byte in a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("uploads/a%00b"),
  },
  {
    name: "a broken percent escape in a storage key",
    status: 404,
    code: "not_found",
    send: () => storageKey("uploads/%E0%A4%A"),
  },
  {
    name: "DELETE on a storage URL",
    status: 405,
    code: "method_not_allowed",
    send: async () => fetch((await presign()).upload.url, { method: "DELETE" }),
    check: (_problem, response) =>
      expect(response.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "PUT"]),
  },
  // The stored upload, checked before any credit is spent
  {
    name: "text bytes stored as image/png",
    status: 422,
    code: "image_invalid",
    send: () => storedThenDisparity(new TextEncoder().encode("this is not an image at all, only text")),
    check: (problem) => expect(problem.detail).toMatch(/not a image\/png/),
  },
  {
    name: "a truncated PNG",
    status: 422,
    code: "image_invalid",
    send: async () => storedThenDisparity((await scenePng(60, 60, seed++)).subarray(0, 200)),
  },
  {
    name: "a PNG header claiming 100000×100000 px",
    status: 422,
    code: "image_too_large",
    send: async () => {
      const png = Buffer.from(await scenePng(10, 10, seed++));
      png.writeUInt32BE(100_000, 16); // IHDR width
      png.writeUInt32BE(100_000, 20); // IHDR height
      return storedThenDisparity(png);
    },
    // Refused from the header: decoding 10^10 pixels would have taken the server down, and Immersity never saw it.
    check: async (problem) => {
      expect(problem.detail).toContain("100000×100000");
      await noCallMade();
    },
  },
  {
    name: "JPEG bytes stored as image/png",
    status: 422,
    code: "image_invalid",
    send: async () => storedThenDisparity(await sceneImage("jpeg", 40, 30, seed++)),
  },
  {
    name: "a WebP whose RIFF size is wrong",
    status: 422,
    code: "image_invalid",
    send: async () => {
      const webp = Buffer.from(await sceneImage("webp", 40, 30, seed++));
      webp.writeUInt32LE(webp.readUInt32LE(4) + 1000, 4);
      return storedThenDisparity(webp, "image/webp");
    },
    check: noCallMade,
  },
  {
    name: "an image id never uploaded",
    status: 404,
    code: "image_not_found",
    send: () => disparity({ imageId: "d".repeat(64) }),
    check: noCallMade,
  },
  // Routes
  {
    name: "an unknown route",
    status: 404,
    code: "not_found",
    send: () => stack.api("/v1/nothing-here"),
    check: (problem, response) => expect(problem.correlationId).toBe(response.headers.get("x-correlation-id")),
  },
  {
    name: "GET on a POST route",
    status: 405,
    code: "method_not_allowed",
    send: () => stack.api("/v1/disparity"),
    check: (problem, response) => {
      expect(response.headers.get("allow")).toBe("POST");
      expect(problem.correlationId).toBe(response.headers.get("x-correlation-id"));
    },
  },
  {
    name: "POST on a GET route",
    status: 405,
    code: "method_not_allowed",
    send: () => postJson("/v1/prices", {}),
    check: (_p, response) => expect(response.headers.get("allow")).toBe("GET, HEAD"),
  },
];

describe("bad input", () => {
  it("has at least 40 distinct cases", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  /** The JSON values refused as malformed or of the wrong type, by route. */
  const refused: { route: string; value: unknown }[] = [];

  it.each(cases)("$name: $status $code, and the server still serves", async (c) => {
    const before = posted.length;
    const response = await c.send();
    if (c.code === "invalid_request" || c.code === "unsupported_media_type") refused.push(...posted.slice(before));
    const problem = await expectProblem(response, c.status, c.code);
    await c.check?.(problem, response);
    expect((await fetch(at("/v1/health"))).status).toBe(200);
    expect((await stack.stats()).creditsSpent).toBe(0);
  });

  it("refuses only bodies that the published request schemas refuse too", async () => {
    const document = (await (await fetch(at("/v1/openapi.json"))).json()) as {
      paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: object }> } } }>;
    };
    const schemaOf = (route: string) => {
      const published = document.paths[route]?.post?.requestBody.content["application/json"]?.schema;
      expect(published, route).toBeDefined();
      return z.fromJSONSchema(published as Parameters<typeof z.fromJSONSchema>[0]);
    };
    // The double-range case is the one the regular expression cannot say; it is known to pass here.
    const beyondRegex = (value: unknown) => JSON.stringify(value).includes("1e999");
    const checked = refused.filter(({ value }) => !beyondRegex(value));
    expect(checked.length).toBeGreaterThanOrEqual(15);
    for (const { route, value } of checked)
      expect(schemaOf(route).safeParse(value).success, JSON.stringify(value)).toBe(false);
  });
});

describe("what passes without a key, and what storage let through", () => {
  it("lets health and the OpenAPI document through without a key, and says nothing secret", async () => {
    const health = await fetch(at("/v1/health"));
    expect(await health.json()).toEqual({
      status: "ok",
      version: "0.1.0",
      storage: "local",
      upstream: "emulator",
    });
    const text = await (await fetch(at("/v1/openapi.json"))).text();
    expect(JSON.parse(text).paths).toHaveProperty(["/v1/disparity"]);
    for (const secret of [stack.emulator.clientSecret, TEST_API_KEY]) expect(text).not.toContain(secret);
  });

  it("publishes health and the OpenAPI document as needing no key, and the rest as needing one", async () => {
    const document = (await (await fetch(at("/v1/openapi.json"))).json()) as {
      security: unknown;
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(document.security).toEqual([{ apiKey: [] }]);
    expect(document.paths["/v1/health"]?.get?.security).toEqual([]);
    expect(document.paths["/v1/openapi.json"]?.get?.security).toEqual([]);
    expect(document.paths["/v1/prices"]?.get?.security).toBeUndefined();
    expect(document.paths["/v1/disparity"]?.post?.security).toBeUndefined();
  });

  it("answers the plugin's preflight from origin null with Access-Control-Allow-Origin: *", async () => {
    const preflight = await fetch(at("/v1/disparity"), {
      method: "OPTIONS",
      headers: {
        origin: "null",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const response = await stack.api("/v1/prices", { headers: { origin: "null" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("refuses bytes whose hash differs from the id that a storage let through, and removes them", async () => {
    const real = await scenePng(40, 40, seed++);
    const planted = await scenePng(40, 40, seed++);
    const imageId = sha256(real);
    // Written the way a storage that checks nothing (an Azure SAS) would take them.
    const key = `uploads/${imageId}`;
    await mkdir(path.dirname(path.join(stack.storageDir, "objects", key)), { recursive: true });
    await mkdir(path.dirname(path.join(stack.storageDir, "meta", key)), { recursive: true });
    await writeFile(path.join(stack.storageDir, "meta", `${key}.json`), JSON.stringify({ contentType: "image/png" }));
    await writeFile(path.join(stack.storageDir, "objects", key), planted);
    await expectProblem(await disparity({ imageId }), 422, "image_hash_mismatch");
    await noCallMade();
    // The real bytes can now be uploaded under their id.
    expect(await upload(stack, real, "image/png", imageId)).toBe(imageId);
  });

  it("logs a client that hangs up mid-upload at info, and stores nothing of it", async () => {
    const target = await presign();
    const url = new URL(target.upload.url);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, "connect");
    const head = Object.entries({
      ...target.upload.headers,
      "content-length": String(target.bytes.length),
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`PUT ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n${head}\r\n`);
    socket.write(target.bytes.subarray(0, target.bytes.length >> 1));
    // Hung up once the storage is writing the body, not before it has begun.
    await until(async () => (await readdir(path.join(stack.storageDir, "tmp"))).length > 0);
    socket.destroy();
    const line = () =>
      stack.logs
        .map((l) => JSON.parse(l) as { msg: string; level: number; path?: string; status?: number })
        .find((l) => l.path === url.pathname);
    await until(async () => line() !== undefined);
    expect(line()).toMatchObject({ level: 30 });
    expect(line()!.status).toBeLessThan(500);
    expect(stack.logs.join("")).not.toContain("unexpected error");
    expect(await readdir(path.join(stack.storageDir, "tmp"))).toEqual([]);
    expect(
      await stack
        .api("/v1/uploads", {
          json: { sha256: target.imageId, contentType: "image/png", size: target.bytes.length },
        })
        .then((r) => r.json()),
    ).toMatchObject({ upload: expect.anything() });
  });

  it("logs one line per request with its correlationId, and no secret", async () => {
    const response = await stack.api("/v1/prices");
    const correlationId = response.headers.get("x-correlation-id")!;
    const lines = stack.logs.filter((l) => l.includes(correlationId));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: "GET", path: "/v1/prices", status: 200 });
    const all = stack.logs.join("");
    for (const secret of [stack.emulator.clientSecret, TEST_API_KEY, "X-Signature"]) expect(all).not.toContain(secret);
  });
});

describe("request schemas, fuzzed", () => {
  const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
  const options = fc.record(
    {
      dilation: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
      outputBitDepth: fc.constantFrom("uint8", "uint16"),
      inputType: fc.constantFrom("image2d", "image360"),
    },
    { requiredKeys: [] },
  );
  const validUpload = fc.record({
    sha256: hex64,
    contentType: fc.constantFrom(...IMAGE_TYPES),
    size: fc.integer({ min: 1, max: MAX_UPLOAD_BYTES }),
  });
  const validDisparity = fc.record({ imageId: hex64, options, fresh: fc.boolean() }, { requiredKeys: ["imageId"] });
  // Near misses: the right field names with values of any kind, and stray fields.
  const anyValue = fc.oneof(fc.jsonValue(), hex64, fc.constantFrom(...IMAGE_TYPES));
  const nearUpload = fc.record(
    { sha256: anyValue, contentType: anyValue, size: anyValue, extra: anyValue },
    { requiredKeys: [] },
  );
  const nearDisparity = fc.record(
    {
      imageId: anyValue,
      options: fc.oneof(options, fc.dictionary(fc.string(), anyValue), anyValue),
      fresh: anyValue,
    },
    { requiredKeys: [] },
  );

  /** Every answer is the success or a 4xx problem; never a 5xx. */
  async function neverFails(route: string, body: string) {
    const response = await post(route, body);
    if (response.status >= 400)
      await expectProblem(response, response.status, Problem.parse(await response.clone().json()).code);
    else await response.body?.cancel();
    expect(response.status).toBeLessThan(500);
  }

  it("never answers random JSON bodies with a 5xx", async () => {
    for (const route of ["/v1/uploads", "/v1/disparity"]) {
      await fc.assert(
        fc.asyncProperty(fc.json(), (body) => neverFails(route, body)),
        { numRuns: 100 },
      );
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), (bytes) =>
          neverFails(route, new TextDecoder().decode(bytes)),
        ),
        { numRuns: 50 },
      );
    }
    await fc.assert(
      fc.asyncProperty(nearUpload, (body) => neverFails("/v1/uploads", JSON.stringify(body))),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(nearDisparity, (body) => neverFails("/v1/disparity", JSON.stringify(body))),
      { numRuns: 150 },
    );
    expect((await stack.stats()).calls.disparity ?? 0).toBe(0);
  });

  it("takes every valid upload request the schema describes", async () => {
    await fc.assert(
      fc.asyncProperty(validUpload, async (request) => {
        expect(UploadRequest.safeParse(request).success).toBe(true);
        const response = await uploads(request);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          imageId: request.sha256,
          upload: { method: "PUT" },
        });
      }),
      { numRuns: 100 },
    );
  });

  it("takes every valid disparity request the schema describes (as far as the missing upload)", async () => {
    await fc.assert(
      fc.asyncProperty(validDisparity, async (request) => {
        expect(DisparityRequest.safeParse(request).success).toBe(true);
        await expectProblem(await disparity(request), 404, "image_not_found");
      }),
      { numRuns: 100 },
    );
    expect((await stack.stats()).calls.disparity ?? 0).toBe(0);
  });
});
