// One storage contract, run against every adapter on its real server on 127.0.0.1, each behind a
// whole backend and the emulator: local disk (the backend's own URLs), S3 (@20minutes/s3rver,
// which checks signatures), Azure Blob (Azurite), Immersity's own storage (the emulator's), and R2
// through the Worker's binding (the Worker on workerd, serving its own URLs).
import { decode } from "fast-png";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { Agent } from "undici";
import { connectImmersity } from "../../src/backend/immersity/client.js";
import { createStorage } from "../../src/backend/storage/create-storage.js";
import { uploadKey } from "../../src/backend/storage/storage.js";
import { createUpstreamClient } from "../../src/backend/upstream-agent.js";
import { HealthResponse, ResultResponse, UploadResponse, type PresignedUpload } from "../../src/shared/api.js";
import { Problem } from "../../src/shared/errors.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { startStack, TEST_API_KEY, upload, type Stack } from "../helpers/stack.js";
import { useStorageServers } from "../helpers/storage-servers.js";
import { startWorkerStack, WORKER_SIGNING_SECRET } from "../helpers/worker-stack.js";

interface Adapter {
  kind: HealthResponse["storage"];
  env(): Record<string, string>;
  /** The query parameter that carries an upload URL's signature. */
  signatureParam: string;
  /**
   * Which wrong uploads the storage itself refuses at the PUT; the backend refuses the rest before any
   * credit is spent.
   */
  refusesAtPut: { type: boolean; size: boolean; hash: boolean };
  secrets(): string[];
  /** A stack of its own kind; a Node backend with env() otherwise. */
  start?(): Promise<Stack>;
}

const { s3, azurite } = useStorageServers("contract");

const ALL = { type: true, size: true, hash: true };
const adapters: Adapter[] = [
  { kind: "local", env: () => ({}), signatureParam: "X-Signature", refusesAtPut: ALL, secrets: () => [] },
  {
    kind: "immersity",
    env: () => ({ STORAGE: "immersity" }),
    signatureParam: "X-Signature",
    refusesAtPut: ALL,
    secrets: () => [],
  },
  // s3rver checks the signed headers but not the bytes against x-amz-checksum-sha256 (AWS S3 answers 400 BadDigest).
  {
    kind: "s3",
    env: () => s3().env("contract"),
    signatureParam: "X-Amz-Signature",
    refusesAtPut: { ...ALL, hash: false },
    secrets: () => [s3().secretAccessKey],
  },
  // A SAS fixes none of them.
  {
    kind: "azure",
    env: () => azurite().env("contract"),
    signatureParam: "sig",
    refusesAtPut: { type: false, size: false, hash: false },
    secrets: () => [azurite().accountKey],
  },
  // The Worker on workerd with its R2 binding, serving its own URLs: it checks all three as the bytes stream in.
  {
    kind: "r2",
    env: () => ({}),
    signatureParam: "X-Signature",
    refusesAtPut: ALL,
    secrets: () => [WORKER_SIGNING_SECRET],
    start: startWorkerStack,
  },
];

describe.each(adapters)("storage contract: $kind", (adapter) => {
  let stack: Stack;
  let seed = adapters.indexOf(adapter) * 100;
  beforeAll(async () => {
    stack = await (adapter.start?.() ?? startStack({ backendEnv: adapter.env() }));
  }, 90_000);
  afterAll(() => stack?.close());
  beforeEach(async () => {
    await fetch(`${stack.emulator.url}/__emulator/reset`, { method: "POST" });
  });

  const freshPng = () => scenePng(48, 32, seed++);

  async function presign(png: Uint8Array): Promise<PresignedUpload> {
    const response = await stack.api("/v1/uploads", {
      json: { sha256: sha256(png), contentType: "image/png", size: png.length },
    });
    const answer = UploadResponse.parse(await response.json());
    expect(answer.upload, "an upload URL").not.toBeNull();
    return answer.upload!;
  }

  /**
   * Each PUT on a connection of its own: a storage that refuses a body part way (workerd among them)
   * closes its connection, which the next request must not be sent on.
   */
  async function put(target: PresignedUpload, body: Uint8Array, headers = target.headers): Promise<Response> {
    const connection = new Agent();
    onTestFinished(() => connection.close());
    const dispatcher = connection as unknown as RequestInit["dispatcher"];
    return fetch(target.url, { method: "PUT", body, headers, dispatcher });
  }

  async function problemOf(response: Response) {
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    return Problem.parse(await response.json());
  }

  /**
   * A wrong upload is refused by the storage or, where it cannot, by the backend, unpaid; the right
   * bytes can then still be uploaded.
   */
  async function expectRefused(
    what: keyof Adapter["refusesAtPut"],
    response: Response,
    png: Uint8Array,
    backendCode: string,
  ) {
    await response.body?.cancel();
    if (adapter.refusesAtPut[what]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    } else {
      expect(response.ok, `${adapter.kind} takes the PUT`).toBe(true);
      const refused = await stack.api("/v1/disparity", { json: { imageId: sha256(png) } });
      expect(refused.status).toBe(422);
      expect((await problemOf(refused)).code).toBe(backendCode);
    }
    expect((await stack.stats()).calls.disparity ?? 0).toBe(0);
    const again = await put(await presign(png), png);
    expect(again.ok).toBe(true);
  }

  it("says which storage it is", async () => {
    expect(HealthResponse.parse(await (await fetch(`${stack.backend.url}/v1/health`)).json()).storage).toBe(
      adapter.kind,
    );
  });

  it("takes an upload through the signed URL with exactly the headers it names, and only once", async () => {
    const png = await freshPng();
    const target = await presign(png);
    expect(target.headers["content-type"]).toBe("image/png");
    const response = await put(target, png);
    expect(response.status, await response.text()).toBeLessThan(300);
    const again = UploadResponse.parse(
      await (
        await stack.api("/v1/uploads", { json: { sha256: sha256(png), contentType: "image/png", size: png.length } })
      ).json(),
    );
    expect(again.upload).toBeNull();
  });

  it("refuses another content type than the signed one", async () => {
    const png = await freshPng();
    const target = await presign(png);
    await expectRefused(
      "type",
      await put(target, png, { ...target.headers, "content-type": "image/jpeg" }),
      png,
      "image_invalid",
    );
  });

  it("refuses more bytes than signed", async () => {
    const png = await freshPng();
    const target = await presign(png);
    await expectRefused("size", await put(target, Buffer.concat([png, Buffer.alloc(64)])), png, "image_hash_mismatch");
  });

  it("refuses other bytes of the signed size", async () => {
    const png = await freshPng();
    const target = await presign(png);
    const other = Buffer.from(png);
    other[other.length - 20]! ^= 0xff;
    await expectRefused("hash", await put(target, other), png, "image_hash_mismatch");
  });

  it("refuses an expired URL", async () => {
    const png = await freshPng();
    const upstream = createUpstreamClient({ timeoutMs: stack.config.immersity.timeoutMs });
    onTestFinished(() => upstream.close());
    const http = upstream.request;
    const immersity = connectImmersity(stack.config.immersity, http);
    // The same storage and keys, with a clock two hours behind.
    const past = await createStorage(stack.config.storage, {
      publicUrl: stack.backend.url,
      immersity,
      http,
      now: () => Date.now() - 2 * 3600_000,
    });
    const expired = await past.signPut({
      key: uploadKey(sha256(png)),
      contentType: "image/png",
      maxSize: png.length,
      sha256: sha256(png),
      expiresInS: 900,
    });
    expect(expired.expiresAt.getTime()).toBeLessThan(Date.now());
    const response = await put({ url: expired.url, method: "PUT", headers: expired.headers }, png);
    expect(response.status).toBe(403);
    await presign(png); // still not stored
  });

  it("refuses a tampered signature", async () => {
    const png = await freshPng();
    const target = await presign(png);
    const tampered = new URL(target.url);
    const signature = tampered.searchParams.get(adapter.signatureParam)!;
    expect(signature, adapter.signatureParam).toBeTruthy();
    tampered.searchParams.set(adapter.signatureParam, (signature[0] === "A" ? "B" : "A") + signature.slice(1));
    const response = await put({ ...target, url: tampered.href }, png);
    expect(response.status).toBe(403);
    await presign(png); // still not stored
  });

  it("has the emulator write the result through its URL, read back through the GET URL, never paid twice", async () => {
    const png = await scenePng(90, 60, seed++);
    const imageId = await upload(stack, png, "image/png", sha256(png));
    const response = await stack.api("/v1/disparity", { json: { imageId } });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const first = ResultResponse.parse(JSON.parse(text));
    expect(first.cached).toBe(false);
    const read = await fetch(first.url);
    expect(read.status).toBe(200);
    const map = decode(new Uint8Array(await read.arrayBuffer()));
    expect([map.width, map.height, map.channels]).toEqual([90, 60, 1]);

    const repeat = ResultResponse.parse(await (await stack.api("/v1/disparity", { json: { imageId } })).json());
    expect(repeat).toMatchObject({ cached: true, resultId: first.resultId });
    expect((await fetch(repeat.url)).status).toBe(200);
    const stats = await stack.stats();
    expect([stats.calls.disparity, stats.creditsSpent]).toEqual([1, 10]);
    for (const secret of [...adapter.secrets(), stack.emulator.clientSecret, TEST_API_KEY])
      expect(text).not.toContain(secret);
  });

  it("keeps the storage's keys, the client secret and the API key out of every log line", () => {
    const logs = stack.logs.join("");
    expect(logs).toContain('"status":200');
    for (const secret of [...adapter.secrets(), stack.emulator.clientSecret, TEST_API_KEY])
      expect(logs).not.toContain(secret);
  });

  if (adapter.kind === "s3") {
    it("signs type, length and SHA-256 into upload URLs, and no checksum of an empty body", async () => {
      const png = await freshPng();
      const target = await presign(png);
      const url = new URL(target.url);
      expect([...url.searchParams.keys()].map((k) => k.toLowerCase())).not.toContain("x-amz-checksum-crc32");
      expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe(
        "content-length;content-type;host;x-amz-checksum-sha256",
      );
      expect(target.headers).toEqual({
        "content-type": "image/png",
        "x-amz-checksum-sha256": Buffer.from(sha256(png), "hex").toString("base64"),
      });
      const withoutChecksum = await put(target, png, { "content-type": "image/png" });
      expect(withoutChecksum.status).toBe(403);
    });
  }

  if (adapter.kind === "azure") {
    it("hands out x-ms-blob-type with the URL, without which Azure refuses the upload", async () => {
      const png = await freshPng();
      const target = await presign(png);
      expect(target.headers).toEqual({ "content-type": "image/png", "x-ms-blob-type": "BlockBlob" });
      expect((await put(target, png, { "content-type": "image/png" })).status).toBe(400);
    });
  }

  if (adapter.kind === "immersity") {
    it("streams uploads on into Immersity's storage and keeps only an index, which outlives a restart", async () => {
      const png = await freshPng();
      const imageId = await upload(stack, png, "image/png", sha256(png));
      expect((await stack.stats()).calls.getUploadUrl).toBe(1);
      expect(await readdir(stack.storageDir)).not.toContain("objects");
      const record = JSON.parse(
        await readFile(path.join(stack.storageDir, "immersity", "uploads", `${imageId}.json`), "utf8"),
      );
      expect(record.url.startsWith(`${stack.emulator.url}/storage/`)).toBe(true);
      const first = ResultResponse.parse(await (await stack.api("/v1/disparity", { json: { imageId } })).json());
      expect(first.url.startsWith(`${stack.emulator.url}/storage/`)).toBe(true);

      const restarted = await startStack({
        backendEnv: { ...adapter.env(), STORAGE_DIR: stack.storageDir },
        emulator: { ...stack.emulator, close: async () => {} },
      });
      try {
        const again = ResultResponse.parse(await (await restarted.api("/v1/disparity", { json: { imageId } })).json());
        expect(again).toMatchObject({ cached: true, resultId: first.resultId, url: first.url });
      } finally {
        await restarted.close();
      }
    });
  }
});

describe("a storage that refuses the backend's keys", () => {
  it.each(["s3", "azure"] as const)("%s: answers internal_error, and names the failure but no key", async (kind) => {
    const env: Record<string, string> =
      kind === "s3"
        ? { ...s3().env("contract"), S3_SECRET_ACCESS_KEY: "wrong-secret-0123456789" }
        : {
            ...azurite().env("contract"),
            AZURE_STORAGE_KEY: Buffer.from("wrong-key-0123456789-wrong-key").toString("base64"),
          };
    const stack = await startStack({ backendEnv: env });
    try {
      const png = await scenePng(20, 20, 999);
      const response = await stack.api("/v1/uploads", {
        json: { sha256: sha256(png), contentType: "image/png", size: png.length },
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      const logs = stack.logs.join("");
      expect(logs).toMatch(kind === "s3" ? /S3 HeadObject failed \(403/ : /Azure Blob GetProperties failed \(403/);
      const keys =
        kind === "s3"
          ? [env.S3_SECRET_ACCESS_KEY!, s3().secretAccessKey]
          : [env.AZURE_STORAGE_KEY!, azurite().accountKey];
      for (const key of keys) {
        expect(text).not.toContain(key);
        expect(logs).not.toContain(key);
      }
    } finally {
      await stack.close();
    }
  });
});
