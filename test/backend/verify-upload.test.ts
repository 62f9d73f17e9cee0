// One hash pass per upload: where the storage checked an upload's bytes against the signed SHA-256
// as it wrote them (local disk; S3, which reports the checksum it checked), verifyUpload reads only
// the ends and does not hash again; where it cannot vouch (s3rver reports no checksum; Azure has no
// checkedEnds), it hashes the object and refuses other bytes.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyUpload } from "../../src/backend/jobs/verify-upload.js";
import { AzureBlobStorage } from "../../src/backend/storage/azure-blob-storage.js";
import { LocalDiskStorage } from "../../src/backend/storage/local-disk.js";
import { S3Storage } from "../../src/backend/storage/s3-storage.js";
import { uploadKey, type Storage } from "../../src/backend/storage/storage.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { startS3rver, type S3Server } from "../helpers/storage-servers.js";

const LIMITS = { maxBytes: 1 << 24, maxSide: 8192, maxPixels: 1 << 26 };
const BUCKET = "verify";

let dir: string;
let s3rver: S3Server;
let aws: http.Server;
let awsEndpoint: string;

/**
 * s3rver behind what AWS S3 adds to it: a PUT whose body does not match its x-amz-checksum-sha256
 * is refused (400 BadDigest), and HEAD with x-amz-checksum-mode: ENABLED reports the checksum kept.
 */
function awsChecksums(target: string): http.Server {
  const kept = new Map<string, string>();
  return http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const claimed = request.headers["x-amz-checksum-sha256"] as string | undefined;
    if (request.method === "PUT" && claimed) {
      if (createHash("sha256").update(body).digest("base64") !== claimed) return response.writeHead(400).end();
      kept.set(request.url!.split("?")[0]!, claimed);
    }
    // The Host header as sent, so that s3rver checks the signature the client made.
    const forwarded = http.request(`${target}${request.url}`, { method: request.method, headers: request.headers });
    forwarded.on("response", (answer) => {
      const headers = { ...answer.headers };
      const checksum = kept.get(request.url!.split("?")[0]!);
      if (request.headers["x-amz-checksum-mode"] === "ENABLED" && checksum) headers["x-amz-checksum-sha256"] = checksum;
      response.writeHead(answer.statusCode!, headers);
      answer.pipe(response);
    });
    forwarded.end(body);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "depthframe-verify-"));
  s3rver = await startS3rver();
  await s3rver.createBucket(BUCKET);
  aws = awsChecksums(s3rver.endpoint).listen(0, "127.0.0.1");
  await once(aws, "listening");
  awsEndpoint = `http://127.0.0.1:${(aws.address() as AddressInfo).port}`;
});
afterAll(async () => {
  aws.closeAllConnections();
  aws.close();
  await s3rver.close();
  await rm(dir, { recursive: true, force: true });
});

const s3At = (endpoint: string) =>
  new S3Storage({
    bucket: BUCKET,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3rver.accessKeyId, secretAccessKey: s3rver.secretAccessKey },
  });

/** Uploads through the storage's own signed PUT, as a client does; answers whether it was taken. */
async function putSigned(storage: Storage, png: Uint8Array, sha = sha256(png)): Promise<boolean> {
  const signed = await storage.signPut({
    key: uploadKey(sha),
    contentType: "image/png",
    maxSize: png.length,
    sha256: sha,
    expiresInS: 600,
  });
  const response = await fetch(signed.url, { method: "PUT", body: png, headers: signed.headers });
  await response.body?.cancel();
  return response.ok;
}

/** verifyUpload's answer, and whether it read the whole object for its hash. */
async function verified(storage: Storage, imageId: string) {
  const hashed = vi.spyOn(storage, "sample");
  try {
    const info = await verifyUpload(storage, imageId, LIMITS);
    return { info, hashed: hashed.mock.calls.length > 0 };
  } finally {
    hashed.mockRestore();
  }
}

describe("verifyUpload", () => {
  it("reads only the ends of an upload local disk hashed as it wrote it", async () => {
    const storage = await LocalDiskStorage.open({ dir, publicUrl: "http://127.0.0.1:1" });
    const png = await scenePng(300, 200, 1);
    await storage.write(uploadKey(sha256(png)), Readable.from([png]), {
      contentType: "image/png",
      maxSize: png.length,
      sha256: sha256(png),
    });
    expect(await verified(storage, sha256(png))).toEqual({
      info: { contentType: "image/png", width: 300, height: 200 },
      hashed: false,
    });
  });

  it("reads only the ends of an S3 upload whose checksum the bucket checked and reports", async () => {
    const storage = s3At(awsEndpoint);
    const png = await scenePng(300, 200, 2);
    const other = Buffer.from(png);
    other[other.length - 20]! ^= 0xff;
    expect(await putSigned(storage, other, sha256(png)), "AWS refuses other bytes at the PUT").toBe(false);
    expect(await putSigned(storage, png)).toBe(true);
    expect(await verified(storage, sha256(png))).toMatchObject({ info: { width: 300, height: 200 }, hashed: false });
  });

  it("hashes the upload where the S3 server reports no checksum, and refuses other bytes", async () => {
    const storage = s3At(s3rver.endpoint);
    const png = await scenePng(300, 200, 3);
    expect(await putSigned(storage, png)).toBe(true);
    expect(await verified(storage, sha256(png))).toMatchObject({ info: { width: 300, height: 200 }, hashed: true });
    const other = Buffer.from(png);
    other[other.length - 20]! ^= 0xff;
    const claimed = sha256(await scenePng(300, 200, 4));
    expect(await putSigned(storage, other, claimed), "s3rver takes them").toBe(true);
    await expect(verifyUpload(storage, claimed, LIMITS)).rejects.toMatchObject({ code: "image_hash_mismatch" });
    expect(await storage.head(uploadKey(claimed))).toBeNull();
  });

  it("hashes every upload on Azure, whose SAS fixes no hash (its refusal is in the storage contract suite)", () => {
    expect("checkedEnds" in AzureBlobStorage.prototype).toBe(false);
  });
});
