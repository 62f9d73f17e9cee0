// Local disk gives back the bytes written, of one read chunk (64 KiB) or more, also through its
// signed GET URLs, with the content type from its sidecar; an upload's ends read alone match its
// sample; a missing object reads as missing; a refused body leaves nothing behind.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../src/backend/problem.js";
import { LocalDiskStorage } from "../../src/backend/storage/local-disk.js";
import { signedUrlRoutes } from "../../src/backend/storage/signed-url-routes.js";
import { uploadKey } from "../../src/backend/storage/storage.js";
import { sha256 } from "../helpers/images.js";

let dir: string;
let storage: LocalDiskStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "depthframe-local-disk-"));
  storage = await LocalDiskStorage.open({ dir, publicUrl: "http://127.0.0.1:1" });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const KIB = 1024;

/** A request body as it arrives, in pieces. */
async function* body(...pieces: Uint8Array[]) {
  yield* pieces;
}

describe("local disk reads", () => {
  it.each([0, 1, 64 * KIB, 64 * KIB + 1, 300 * KIB])(
    "an object of %i bytes back as written, whole and as a sample",
    async (size) => {
      const bytes = randomBytes(size);
      const key = uploadKey(sha256(bytes));
      const pieces = body(bytes.subarray(0, size >> 1), bytes.subarray(size >> 1));
      expect(
        await storage.write(key, pieces, {
          contentType: "image/png",
          maxSize: size,
          sha256: sha256(bytes),
        }),
      ).toEqual({ size, contentType: "image/png" });

      expect(await storage.head(key)).toEqual({ size, contentType: "image/png" });
      const sample = await storage.sample(key);
      expect([sample?.sha256, sample?.size]).toEqual([sha256(bytes), size]);
      expect(Buffer.from(sample!.head).equals(bytes.subarray(0, sample!.head.length))).toBe(true);
      const read = Buffer.from(await new Response(await storage.openRead(key)).arrayBuffer());
      expect(read.equals(bytes)).toBe(true);
    },
  );

  it.each([64 * KIB, 64 * KIB + 1])(
    "an object of %i bytes through a signed GET URL, and its length alone for HEAD",
    async (size) => {
      const bytes = randomBytes(size);
      const key = uploadKey(sha256(bytes));
      await storage.write(key, body(bytes), {
        contentType: "image/png",
        maxSize: size,
        sha256: sha256(bytes),
      });
      const routes = signedUrlRoutes(storage);
      const { url } = await storage.signGet(key, 60);

      const got = await routes.request(url);
      expect([got.status, got.headers.get("content-type"), got.headers.get("content-length")]).toEqual([
        200,
        "image/png",
        String(size),
      ]);
      expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
      const head = await routes.request(url, { method: "HEAD" });
      expect([head.status, head.headers.get("content-length")]).toEqual([200, String(size)]);
      expect(head.body).toBeNull();
    },
  );

  it.each([0, 1, 4 * KIB, 256 * KIB, 256 * KIB + 1, 300 * KIB])(
    "an upload of %i bytes by its ends alone, as its whole sample has them",
    async (size) => {
      const bytes = randomBytes(size);
      const key = uploadKey(sha256(bytes));
      await storage.write(key, body(bytes), { contentType: "image/png", maxSize: size, sha256: sha256(bytes) });
      const { head, tail } = (await storage.sample(key))!;
      const ends = (await storage.uploadEnds(key, size))!;
      // As hex: a deep comparison of a quarter-megabyte array takes seconds.
      const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
      expect([ends.size, hex(ends.head), hex(ends.tail)]).toEqual([size, hex(head), hex(tail)]);
    },
  );

  it("a content type from a sidecar file of the object's own (no link), which a new write replaces", async () => {
    const key = "results/sidecar";
    const write = (contentType: string) =>
      storage.write(key, body(Buffer.from("x")), { contentType, maxSize: 1, sha256: "" });
    await write("image/png");
    await write("image/webp");
    expect(await storage.head(key)).toEqual({ size: 1, contentType: "image/webp" });
    expect((await stat(path.join(dir, "meta", `${key}.json`))).nlink).toBe(1);
  });

  it("an object that is not there as missing", async () => {
    const key = uploadKey(sha256(Buffer.from("never written")));
    expect(await storage.head(key)).toBeNull();
    expect(await storage.sample(key)).toBeNull();
    expect(await storage.uploadEnds(key, 1)).toBeNull();
    await expect(storage.openRead(key)).rejects.toThrow(ApiError);
  });
});

describe("local disk writes", () => {
  // The writer holds the last piece back until the body ends: of three pieces over 64 KiB, the first
  // two are on their way to disk before the end is known.
  const STREAMED = [40 * KIB, 30 * KIB, 10 * KIB];

  it.each([[[64 * KIB]], [STREAMED]])(
    "a body in pieces of %j bytes with another SHA-256, or over its size, leaves no object and nothing in tmp",
    async (sizes) => {
      const pieces = sizes.map((size) => randomBytes(size));
      const whole = Buffer.concat(pieces);
      const key = uploadKey(sha256(whole));
      await expect(
        storage.write(key, body(...pieces), {
          contentType: "image/png",
          maxSize: whole.length,
          sha256: sha256(Buffer.from("other")),
        }),
      ).rejects.toMatchObject({ code: "image_hash_mismatch" });
      await expect(
        storage.write(key, body(...pieces), {
          contentType: "image/png",
          maxSize: whole.length - 1,
          sha256: sha256(whole),
        }),
      ).rejects.toMatchObject({ code: "payload_too_large" });
      expect(await storage.head(key)).toBeNull();
      expect(await readdir(path.join(dir, "tmp"))).toEqual([]);
    },
  );

  it("a body whose file cannot be written is closed, not left waiting", async () => {
    const own = await mkdtemp(path.join(tmpdir(), "depthframe-local-disk-"));
    try {
      const broken = await LocalDiskStorage.open({ dir: own, publicUrl: "http://127.0.0.1:1" });
      await rm(path.join(own, "tmp"), { recursive: true });
      const pieces = STREAMED.map((size) => randomBytes(size));
      let closed = false;
      async function* unfinished() {
        try {
          yield* pieces;
          yield Buffer.from("more to come");
        } finally {
          closed = true;
        }
      }
      await expect(
        broken.write(uploadKey(sha256(pieces[0]!)), unfinished(), {
          contentType: "image/png",
          maxSize: 1 << 20,
          sha256: "",
        }),
      ).rejects.toMatchObject({ code: "ENOENT" });
      await vi.waitFor(() => expect(closed).toBe(true));
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it.each([[[1]], [STREAMED]])(
    "a body cut off after pieces of %j bytes leaves no object and nothing in tmp",
    async (sizes) => {
      const pieces = sizes.map((size) => randomBytes(size));
      const whole = Buffer.concat([...pieces, Buffer.from("the rest")]);
      const key = uploadKey(sha256(whole));
      async function* cutOff() {
        yield* pieces;
        throw new Error("socket hang up");
      }
      await expect(
        storage.write(key, cutOff(), {
          contentType: "image/png",
          maxSize: whole.length,
          sha256: sha256(whole),
        }),
      ).rejects.toThrow("socket hang up");
      expect(await storage.head(key)).toBeNull();
      expect(await readdir(path.join(dir, "tmp"))).toEqual([]);
    },
  );

  it.each([1, 64 * KIB + 1])(
    "a write of %i bytes signed without a hash, as a result's is, keeps whatever bytes come",
    async (size) => {
      const bytes = randomBytes(size);
      const key = uploadKey(sha256(bytes));
      expect(
        await storage.write(key, body(bytes), {
          contentType: "image/png",
          maxSize: size,
          sha256: "",
        }),
      ).toEqual({ size, contentType: "image/png" });
      expect((await storage.sample(key))?.sha256).toBe(sha256(bytes));
    },
  );
});
