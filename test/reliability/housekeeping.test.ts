// Local storage expires what it holds: objects and their content types past LOCAL_STORAGE_TTL_H,
// and what broken writes left in tmp, removed at start and then periodically. Immersity's index
// drops the records whose URLs have lapsed the same way.
import { randomBytes, randomUUID } from "node:crypto";
import { unlinkSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend } from "../../src/backend/node-server.js";
import { sweepIntervalMs } from "../../src/backend/storage/housekeeping.js";
import { ImmersityStorage } from "../../src/backend/storage/immersity-storage.js";
import { JsonRecords } from "../../src/backend/storage/json-records.js";
import { LocalDiskStorage } from "../../src/backend/storage/local-disk.js";
import { uploadKey } from "../../src/backend/storage/storage.js";
import type { UpstreamResponse } from "../../src/backend/upstream-http.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { expectProblem, until } from "../helpers/problems.js";
import { startStack, upload, type Stack } from "../helpers/stack.js";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let seed = 11_000;

async function age(file: string, byMs: number) {
  const then = new Date(Date.now() - byMs);
  await utimes(file, then, then);
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function uploaded(stack: Stack): Promise<string> {
  const png = await scenePng(24, 24, seed++);
  return upload(stack, png, "image/png", sha256(png));
}

describe("at start", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ backendEnv: { LOCAL_STORAGE_TTL_H: "1" } });
  });
  afterAll(() => stack.close());

  it("removes objects older than LOCAL_STORAGE_TTL_H and tmp leftovers, and keeps the rest", async () => {
    const [old, recent] = [await uploaded(stack), await uploaded(stack)];
    const dir = stack.storageDir;
    const leftover = path.join(dir, "tmp", "left-by-a-crash");
    await writeFile(leftover, "half an upload");
    for (const file of [
      path.join(dir, "objects", "uploads", old),
      path.join(dir, "meta", "uploads", `${old}.json`),
      leftover,
    ])
      await age(file, 2 * HOUR);

    await stack.backend.close(0);
    const restarted = await startBackend(
      { ...stack.config, port: Number(new URL(stack.backend.url).port) },
      stack.backend.logger,
    );
    try {
      expect(await readdir(path.join(dir, "objects", "uploads"))).toEqual([recent]);
      expect(await readdir(path.join(dir, "meta", "uploads"))).toEqual([`${recent}.json`]);
      expect(await exists(leftover)).toBe(false);
      expect(await exists(path.join(dir, "signing-secret"))).toBe(true);
      // An expired upload is simply not there: asked for again, and made again on request.
      await expectProblem(await stack.api("/v1/disparity", { json: { imageId: old } }), 404, "image_not_found");
      expect((await stack.api("/v1/disparity", { json: { imageId: recent } })).status).toBe(200);
      expect(stack.logs.some((line) => line.includes("expired objects removed"))).toBe(true);
    } finally {
      await restarted.close(0);
    }
  });
});

describe("periodically", () => {
  let stack: Stack;
  beforeAll(async () => {
    // 1.8 seconds: an object outlives it by at most a quarter of that.
    stack = await startStack({ backendEnv: { LOCAL_STORAGE_TTL_H: "0.0005" } });
  });
  afterAll(() => stack.close());

  it("removes objects and results once they are older than the TTL, while running", async () => {
    const imageId = await uploaded(stack);
    const made = await stack.api("/v1/disparity", { json: { imageId } });
    expect(made.status).toBe(200);
    // A sweep removes the objects first and their content types after, so both are waited for.
    const folders = ["objects/uploads", "objects/results", "meta/uploads", "meta/results"].map((folder) =>
      path.join(stack.storageDir, folder),
    );
    await until(async () =>
      (await Promise.all(folders.map((folder) => readdir(folder)))).every((names) => names.length === 0),
    );
  });
});

describe("removeExpired", () => {
  it("goes by the time each object was written, and clears tmp after an hour whatever the TTL", async () => {
    const stack = await startStack();
    try {
      const storage = await LocalDiskStorage.open({ dir: stack.storageDir, publicUrl: stack.backend.url });
      const imageId = await uploaded(stack);
      const leftover = path.join(stack.storageDir, "tmp", "left-by-a-crash");
      await mkdir(path.dirname(leftover), { recursive: true });
      await writeFile(leftover, "half an upload");
      const week = 7 * 24 * HOUR;
      expect(await storage.removeExpired(week, Date.now() + 2 * HOUR)).toBe(0);
      expect(await exists(leftover)).toBe(false);
      expect(await storage.head(`uploads/${imageId}`)).not.toBeNull();
      expect(await storage.removeExpired(week, Date.now() + week + 1)).toBe(1);
      expect(await storage.head(`uploads/${imageId}`)).toBeNull();
    } finally {
      await stack.close();
    }
  });

  it("sweeps a quarter of the TTL apart, at least hourly", () => {
    expect(sweepIntervalMs(7 * 24 * HOUR)).toBe(HOUR);
    expect(sweepIntervalMs(HOUR)).toBe(HOUR / 4);
  });
});

/** Immersity's storage as the adapter sees it: upload URLs that last a day from `clock`, and that take any bytes. */
async function immersityStorage(dir: string, clock: { now: number }): Promise<ImmersityStorage> {
  const accepted: UpstreamResponse = {
    status: 200,
    ok: true,
    header: () => null,
    body: (async function* () {})(),
    json: async () => null,
    discard: async () => {},
  };
  return ImmersityStorage.open({
    dir,
    publicUrl: "http://127.0.0.1:1",
    immersity: {
      uploadUrl: async () => ({
        url: `https://storage.immersity.test/${randomUUID()}`,
        expiresAt: new Date(clock.now + DAY),
      }),
    },
    http: async (_url, request) => {
      for await (const chunk of request.body as AsyncIterable<Uint8Array>) void chunk;
      return accepted;
    },
    timeoutMs: 10_000,
    minValidityS: 60,
    now: () => clock.now,
  });
}

/** Uploads some bytes through the adapter; answers their hash. */
async function written(storage: ImmersityStorage): Promise<string> {
  const bytes = randomBytes(300);
  const sha = sha256(bytes);
  await storage.write(uploadKey(sha), ReadableStream.from([bytes]), {
    contentType: "image/png",
    maxSize: bytes.length,
    sha256: sha,
  });
  return sha;
}

describe("Immersity's index", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depthframe-test-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loses the records whose URLs have lapsed and torn ones, and what broken writes left after an hour", async () => {
    const clock = { now: Date.now() };
    const storage = await immersityStorage(dir, clock);
    const index = path.join(dir, "immersity");
    const early = await written(storage);
    const [brokenWrite, writeInProgress] = [
      path.join(index, ".tmp-left-by-a-crash"),
      path.join(index, ".tmp-being-written"),
    ];
    for (const file of [brokenWrite, writeInProgress]) await writeFile(file, "{");
    await age(brokenWrite, 2 * HOUR);
    expect(await storage.removeExpired()).toBe(0);
    expect([await exists(brokenWrite), await exists(writeInProgress)]).toEqual([false, true]);

    clock.now += 12 * HOUR;
    const late = await written(storage);
    const torn = path.join(index, "results", "torn.json");
    await mkdir(path.dirname(torn), { recursive: true });
    await writeFile(torn, '{"url":"https://storage.immer');
    // The early record's URL lapses; the late one's has 12 hours left.
    clock.now += 12 * HOUR + 1;
    expect(await storage.removeExpired()).toBe(2);
    expect(await readdir(path.join(index, "uploads"))).toEqual([`${late}.json`]);
    expect(await exists(torn)).toBe(false);
    expect(await storage.head(uploadKey(late))).toEqual({ size: 300, contentType: "image/png" });
    expect(await storage.head(uploadKey(early))).toBeNull();
  });

  it("takes a record deleted between the listing and its reading for gone, not for a failure", async () => {
    const records = new JsonRecords<{ n: number }>(path.join(dir, "race"));
    await records.put("r/1", { n: 1 });
    await records.put("r/2", { n: 2 });
    // Whichever record is read first deletes the other, as a request might.
    const removed = await records.removeWhere(({ n }) => {
      unlinkSync(path.join(dir, "race", "r", `${3 - n}.json`));
      return false;
    });
    expect(removed).toBe(0);
    expect(await readdir(path.join(dir, "race", "r"))).toHaveLength(1);
  });

  it("is swept when the backend starts", async () => {
    const stack = await startStack({ backendEnv: { STORAGE: "immersity" } });
    try {
      const lapsed = path.join(stack.storageDir, "immersity", "results", "lapsed.json");
      await mkdir(path.dirname(lapsed), { recursive: true });
      await writeFile(
        lapsed,
        JSON.stringify({
          url: "https://storage.immersity.test/x",
          expiresAt: new Date(Date.now() - 1).toISOString(),
          contentType: "image/png",
          size: 1,
        }),
      );
      const another = await startBackend(stack.config, stack.backend.logger);
      await another.close(0);
      expect(await exists(lapsed)).toBe(false);
      expect(stack.logs.some((line) => line.includes("expired objects removed"))).toBe(true);
    } finally {
      await stack.close();
    }
  });
});
