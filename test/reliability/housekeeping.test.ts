// Local storage expires what it holds: objects and their content types past LOCAL_STORAGE_TTL_H,
// and what broken writes left in tmp, removed at start and then periodically.
import { mkdir, readdir, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend } from "../../src/backend/node-server.js";
import { sweepIntervalMs } from "../../src/backend/storage/housekeeping.js";
import { LocalDiskStorage } from "../../src/backend/storage/local-disk.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { expectProblem, until } from "../helpers/problems.js";
import { startStack, upload, type Stack } from "../helpers/stack.js";

const HOUR = 3600_000;
let seed = 11_000;

async function age(file: string, byMs: number) {
  const then = new Date(Date.now() - byMs);
  await utimes(file, then, then);
}

const exists = (file: string) => stat(file).then(
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
    for (const file of [path.join(dir, "objects", "uploads", old), path.join(dir, "meta", "uploads", `${old}.json`), leftover]) await age(file, 2 * HOUR);

    await stack.backend.close(0);
    const restarted = await startBackend({ ...stack.config, port: Number(new URL(stack.backend.url).port) }, stack.backend.logger);
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
    const objects = path.join(stack.storageDir, "objects");
    await until(async () => (await readdir(path.join(objects, "uploads"))).length === 0 && (await readdir(path.join(objects, "results"))).length === 0);
    expect(await readdir(path.join(stack.storageDir, "meta", "results"))).toEqual([]);
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
