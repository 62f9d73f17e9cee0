// Graceful shutdown over real HTTP, with the backend in a process of its own and a real SIGTERM:
// new requests are refused with 503 shutting_down while a job in progress finishes, then it exits;
// a job that outlasts SHUTDOWN_GRACE_MS is cut off rather than waited for.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/node-server.js";
import { ResultResponse } from "../../src/shared/api.js";
import { EmulatorEnv, parseEnv } from "../../src/shared/env.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { expectProblem, until } from "../helpers/problems.js";
import type { SpawnedEntry } from "../helpers/spawn-entry.js";
import { backendEnv, spawnBackend, TEST_API_KEY } from "../helpers/stack.js";

let emulator: RunningEmulator;
let storageDir: string;
beforeAll(async () => {
  emulator = await startEmulator(parseEnv(EmulatorEnv, { EMULATOR_PORT: "0" }));
  storageDir = await mkdtemp(path.join(tmpdir(), "depthframe-shutdown-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(storageDir, { recursive: true, force: true });
});

async function backendWithGrace(
  graceMs: number,
): Promise<{ child: SpawnedEntry; api: (route: string, body?: unknown) => Promise<Response> }> {
  const child = await spawnBackend({
    ...backendEnv(emulator, storageDir),
    SHUTDOWN_GRACE_MS: String(graceMs),
    LOG_LEVEL: "warn",
  });
  const api = (route: string, body?: unknown) =>
    fetch(child.url + route, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        authorization: `Bearer ${TEST_API_KEY}`,
        "content-type": "application/json",
        origin: "null",
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { child, api };
}

/**
 * Uploads a new image through the backend, and starts its disparity; answers (the job's answer still
 * to come) once Immersity has the call.
 */
async function jobInFlight(api: (route: string, body?: unknown) => Promise<Response>, seed: number) {
  const png = await scenePng(32, 32, seed);
  const asked = await api("/v1/uploads", {
    sha256: sha256(png),
    contentType: "image/png",
    size: png.length,
  });
  const { imageId, upload } = (await asked.json()) as {
    imageId: string;
    upload: { url: string; headers: Record<string, string> };
  };
  expect((await fetch(upload.url, { method: "PUT", body: png, headers: upload.headers })).status).toBe(200);
  const calls = emulator.state.calls.disparity ?? 0;
  const job = api("/v1/disparity", { imageId });
  await until(async () => (emulator.state.calls.disparity ?? 0) > calls);
  return { job };
}

describe("SIGTERM", () => {
  it("refuses new requests with 503 shutting_down, lets the job in progress finish, then exits", async () => {
    emulator.state.latencyMs = 1000;
    const { child, api } = await backendWithGrace(30_000);
    const { job } = await jobInFlight(api, 1);
    const exited = child.stop();

    await until(async () => (await api("/v1/health")).status === 503);
    const refused = await api("/v1/uploads", {
      sha256: "a".repeat(64),
      contentType: "image/png",
      size: 10,
    });
    await expectProblem(refused, 503, "shutting_down");
    // The plugin's iframe can still read the refusal.
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");

    const answer = await job;
    expect(answer.status).toBe(200);
    expect(ResultResponse.parse(await answer.json()).cached).toBe(false);
    expect(await exited).toBe(0);
    await expect(api("/v1/health")).rejects.toThrow();
  });

  it("cuts off a job that outlasts SHUTDOWN_GRACE_MS, and exits", async () => {
    emulator.state.latencyMs = 3000;
    const { child, api } = await backendWithGrace(200);
    const { job } = await jobInFlight(api, 2);
    const outcome = job.then(
      () => "answered",
      () => "cut off",
    );
    expect(await child.stop()).toBe(0);
    expect(await outcome).toBe("cut off");
  });
});
