// A backend killed (SIGKILL) in the middle of a paid call, leaving its lease on the result in the
// shared storage folder: another backend on that folder waits on the lease instead of calling, takes
// it over once it lapses (the call's timeout and 5 s), and makes the result once; nothing half
// written is left or served.
import { decode } from "fast-png";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ResultResponse } from "../../src/shared/api.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { until } from "../helpers/problems.js";
import { backendEnv, spawnBackend, startStack, upload, TEST_API_KEY, type Stack } from "../helpers/stack.js";

const TIMEOUT_MS = 1000;
let stack: Stack;
beforeAll(async () => {
  // The emulator takes longer than the call may, so the killed call would never have answered anyway.
  // The taker keeps the default timeout: only the holder's, written into its lease, sets when it lapses.
  stack = await startStack({ emulatorEnv: { EMULATOR_LATENCY_MS: "3000" } });
});
afterAll(() => stack?.close());

it("a lease holder killed mid-call: another backend takes over once the lease lapses, and calls once", async () => {
  const png = await scenePng(40, 30, 515);
  const imageId = await upload(stack, png, "image/png", sha256(png));
  const holder = await spawnBackend({
    ...backendEnv(stack.emulator, stack.storageDir),
    IMMERSITY_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  const leases = path.join(stack.storageDir, "objects", "leases", "results");
  const request = (base: string) =>
    fetch(`${base}/v1/disparity`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ imageId }),
    });
  const lost = request(holder.url).catch(() => "connection lost");
  await until(async () => (await stack.stats()).calls.disparity === 1);
  expect(await readdir(leases)).toHaveLength(1);
  process.kill(holder.pid, "SIGKILL");
  expect(await lost).toBe("connection lost");
  await holder.stop();
  await stack.faults({ latencyMs: 0 });

  const started = Date.now();
  const response = await request(stack.backend.url);
  const waited = Date.now() - started;
  expect(response.status, await response.clone().text()).toBe(200);
  const result = ResultResponse.parse(await response.json());
  expect(result.cached).toBe(false);
  // It waited for the lease to lapse (it was claimed before the kill) rather than calling at once.
  expect(waited).toBeGreaterThan(TIMEOUT_MS);
  expect((await stack.stats()).calls.disparity).toBe(2);
  const map = decode(new Uint8Array(await (await fetch(result.url)).arrayBuffer()));
  expect([map.width, map.height]).toEqual([40, 30]);
  // The lease is released, and nothing is left in the middle of being written.
  expect(await readdir(leases)).toEqual([]);
  expect(await readdir(path.join(stack.storageDir, "tmp"))).toEqual([]);
});
