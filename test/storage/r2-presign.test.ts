// R2's presigned mode signs S3 URLs in the Worker with aws4fetch. No server here speaks R2's S3 API,
// but @20minutes/s3rver checks SigV4 query signatures as R2 and S3 do: the URLs the R2 adapter signs
// are used on it, and every change to what was signed is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { R2Storage, type R2BucketLike } from "../../src/backend/storage/r2-storage.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { startS3rver, type S3Server } from "../helpers/storage-servers.js";

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket("r2-presign");
});
afterAll(() => s3?.close());

/** Presigning uses no binding call; one that is made fails the test. */
const noBinding = new Proxy({} as R2BucketLike, {
  get: () => () => Promise.reject(new Error("the binding is not used to sign")),
});

const storage = (now = Date.now) =>
  new R2Storage({
    bucket: noBinding,
    s3: {
      endpoint: s3.endpoint,
      bucket: "r2-presign",
      region: "auto",
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    },
    now,
  });

describe("R2 presigned URLs (aws4fetch)", () => {
  it("signs an upload with its type, length and SHA-256: taken once, refused once changed", async () => {
    const png = await scenePng(24, 16, 77);
    const put = await storage().signPut({
      key: `uploads/${sha256(png)}`,
      contentType: "image/png",
      maxSize: png.length,
      sha256: sha256(png),
      expiresInS: 600,
    });
    const url = new URL(put.url);
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host;x-amz-checksum-sha256");
    expect([...url.searchParams.keys()].map((k) => k.toLowerCase())).not.toContain("x-amz-checksum-crc32");
    expect(put.headers).toEqual({
      "content-type": "image/png",
      "x-amz-checksum-sha256": Buffer.from(sha256(png), "hex").toString("base64"),
    });
    const send = (headers: Record<string, string>, body: Uint8Array = png, target = put.url) =>
      fetch(target, { method: "PUT", headers, body });
    expect((await send({ ...put.headers, "content-type": "image/jpeg" })).status).toBe(403);
    expect((await send({ "content-type": "image/png" })).status).toBe(403);
    expect((await send(put.headers, Buffer.concat([png, Buffer.alloc(8)]))).status).toBe(403);
    const tampered = new URL(put.url);
    const signature = tampered.searchParams.get("X-Amz-Signature")!;
    tampered.searchParams.set("X-Amz-Signature", (signature[0] === "a" ? "b" : "a") + signature.slice(1));
    expect((await send(put.headers, png, tampered.href)).status).toBe(403);
    expect((await send(put.headers)).status).toBe(200);

    const get = await storage().signGet(`uploads/${sha256(png)}`, 600);
    const read = await fetch(get.url);
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
    expect((await fetch(get.url, { method: "DELETE" })).status).toBe(403);
  });

  it("leaves a result's type and size open, and refuses a URL past its expiry", async () => {
    const put = await storage().signPut({
      key: "results/r2-open",
      contentType: "image/*",
      maxSize: 1 << 20,
      expiresInS: 600,
    });
    expect(put.headers).toEqual({});
    expect(
      (await fetch(put.url, { method: "PUT", body: "anything", headers: { "content-type": "image/webp" } })).status,
    ).toBe(200);
    const past = await storage(() => Date.now() - 2 * 3600_000).signGet("results/r2-open", 900);
    expect(past.expiresAt.getTime()).toBeLessThan(Date.now());
    expect((await fetch(past.url)).status).toBe(403);
  });
});
