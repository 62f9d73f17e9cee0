// The storage contract's conditional writes, on each storage's real server (R2: workerd's, through
// Miniflare's proxy of the binding), and the result lease built on them with an injected clock. S3 is not here: no S3
// server that runs on this machine
// honours If-None-Match or If-Match on PutObject (@20minutes/s3rver evaluates them only on GET and
// HEAD, and overwrites); docs/deploy.md says which real ones do.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimLease, leaseKey, type LeaseClock } from "../../src/backend/jobs/result-lease.js";
import { AzureBlobStorage } from "../../src/backend/storage/azure-blob-storage.js";
import { ImmersityStorage } from "../../src/backend/storage/immersity-storage.js";
import { LocalDiskStorage } from "../../src/backend/storage/local-disk.js";
import { R2Storage, type R2BucketLike } from "../../src/backend/storage/r2-storage.js";
import type { Storage } from "../../src/backend/storage/storage.js";
import { useStorageServers } from "../helpers/storage-servers.js";
import { Miniflare } from "miniflare";

const { azurite } = useStorageServers("conditional");
let miniflare: Miniflare | undefined;
afterAll(() => miniflare?.dispose());
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "depthframe-conditional-"));
  dirs.push(dir);
  return dir;
}

const unused = () => {
  throw new Error("not used by conditional writes");
};

const storages: Array<{ kind: string; open(): Promise<Storage> }> = [
  { kind: "local", open: async () => LocalDiskStorage.open({ dir: await tempDir(), publicUrl: "http://127.0.0.1:1" }) },
  {
    kind: "immersity",
    open: async () =>
      ImmersityStorage.open({
        dir: await tempDir(),
        publicUrl: "http://127.0.0.1:1",
        immersity: { uploadUrl: unused },
        http: unused,
        timeoutMs: 1000,
        minValidityS: 60,
      }),
  },
  {
    kind: "azure",
    open: () => {
      const { account, accountKey, endpoint } = azurite();
      return Promise.resolve(new AzureBlobStorage({ account, accountKey, endpoint, container: "conditional" }));
    },
  },
  {
    kind: "r2",
    open: async () => {
      miniflare = new Miniflare({ modules: true, script: "export default {}", r2Buckets: ["BUCKET"] });
      return new R2Storage({ bucket: (await miniflare.getR2Bucket("BUCKET")) as unknown as R2BucketLike });
    },
  },
];

/** A clock that moves only when slept on; `onSleep` runs at each sleep, as what happens meanwhile. */
function fakeClock(
  onSleep: (sleeps: number) => Promise<void> | void = () => {},
  laterMs = 0,
): LeaseClock & { slept: number[] } {
  let now = Date.parse("2026-12-03T12:00:00Z") + laterMs;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    async sleep(ms) {
      now += ms;
      slept.push(ms);
      await onSleep(slept.length);
    },
  };
}

let n = 0;
const newKey = () => leaseKey(`results/r${Date.now().toString(36)}${n++}`);

describe.each(storages)("conditional writes: $kind", ({ open }) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await open();
  });

  it("creates a record for exactly one of eight writers at once", async () => {
    const key = newKey();
    const versions = await Promise.all([...Array(8).keys()].map((i) => storage.createIfAbsent(key, `{"i":${i}}`)));
    const won = versions.flatMap((version, i) => (version ? [{ version, i }] : []));
    expect(won).toHaveLength(1);
    expect(await storage.readVersioned(key)).toEqual({ text: `{"i":${won[0]!.i}}`, etag: won[0]!.version });
    expect(await storage.createIfAbsent(key, "{}")).toBeNull();
  });

  it("replaces only the version asked for, and for one of two at once", async () => {
    const key = newKey();
    const first = (await storage.createIfAbsent(key, '{"v":1}'))!;
    const answers = await Promise.all([
      storage.replaceIfMatch(key, '{"v":"a"}', first),
      storage.replaceIfMatch(key, '{"v":"b"}', first),
    ]);
    const winner = answers.findIndex(Boolean);
    expect(answers.filter(Boolean)).toHaveLength(1);
    const now = (await storage.readVersioned(key))!;
    expect(now).toEqual({ text: `{"v":"${"ab"[winner]}"}`, etag: answers[winner] });
    expect(await storage.replaceIfMatch(key, '{"v":2}', first)).toBeNull();
    expect(await storage.readVersioned(key)).toEqual(now);
  });

  it("replaces nothing that is gone, and creates again after a delete", async () => {
    const key = newKey();
    const version = (await storage.createIfAbsent(key, "{}"))!;
    await storage.delete(key);
    expect(await storage.readVersioned(key)).toBeNull();
    expect(await storage.replaceIfMatch(key, "{}", version)).toBeNull();
    expect(await storage.readVersioned(key)).toBeNull();
    expect(await storage.createIfAbsent(key, '{"again":true}')).toBeTruthy();
  });

  describe("the result lease", () => {
    const TTL = 10_000;

    it("is held by one; another waits with backoff and learns when it is released", async () => {
      const key = newKey();
      const clock = fakeClock();
      const first = await claimLease(storage, key, { ttlMs: TTL, clock });
      expect(first).toHaveProperty("release");
      const waiting = fakeClock(async (sleeps) => {
        if (sleeps === 4 && typeof first === "object") await first.release();
      });
      expect(await claimLease(storage, key, { ttlMs: TTL, clock: waiting })).toBe("released");
      expect(waiting.slept).toEqual([100, 200, 400, 800]);
      expect(await storage.readVersioned(key)).toBeNull();
    });

    it("ends a wait when the poll finds the answer", async () => {
      const key = newKey();
      await claimLease(storage, key, { ttlMs: TTL, clock: fakeClock() });
      let polls = 0;
      const clock = fakeClock();
      expect(await claimLease(storage, key, { ttlMs: TTL, clock, poll: async () => ++polls === 3 })).toBe("answered");
      expect(clock.slept).toHaveLength(3);
    });

    it("is taken over once lapsed, and the dead holder's release leaves the new lease alone", async () => {
      const key = newKey();
      const dead = await claimLease(storage, key, { ttlMs: TTL, clock: fakeClock() });
      const before = await storage.readVersioned(key);
      const clock = fakeClock(() => {}, TTL);
      const taker = await claimLease(storage, key, { ttlMs: TTL, clock });
      expect(clock.slept).toEqual([]);
      const current = await storage.readVersioned(key);
      expect(current?.etag).not.toBe(before?.etag);
      if (typeof dead === "object") await dead.release();
      expect(await storage.readVersioned(key)).toEqual(current);
      if (typeof taker === "object") await taker.release();
      expect(await storage.readVersioned(key)).toBeNull();
    });

    it("is taken over by one of two takers at once; the other waits until the winner's lease lapses too", async () => {
      const key = newKey();
      await claimLease(storage, key, { ttlMs: TTL, clock: fakeClock() });
      const [a, b] = [fakeClock(() => {}, TTL), fakeClock(() => {}, TTL)];
      const taken = await Promise.all([
        claimLease(storage, key, { ttlMs: TTL, clock: a }),
        claimLease(storage, key, { ttlMs: TTL, clock: b }),
      ]);
      expect(taken.every((lease) => typeof lease === "object")).toBe(true);
      const waits = [sumOf(a.slept), sumOf(b.slept)].sort((x, y) => x - y);
      expect(waits[0]).toBe(0);
      expect(waits[1]).toBeGreaterThanOrEqual(TTL);
    });
  });
});

const sumOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
