// Three Node backends and one Worker (workerd, through Miniflare) on one R2 bucket: 20 identical
// requests spread over the four at once cost one Immersity call, and all 20 get the result. The
// Worker is the bundle `wrangler deploy` would upload; the Node backends reach the same bucket
// through Miniflare's proxy of the binding (no server here speaks R2's S3 API, which Node
// instances use in production: docs/deploy.md), so the leases are the same R2 objects for all.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../src/backend/logger.js";
import { startBackend, type RunningBackend } from "../../src/backend/node-server.js";
import { R2SelfServedStorage } from "../../src/backend/storage/r2-storage.js";
import { HealthResponse, ResultResponse, UploadResponse } from "../../src/shared/api.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { TEST_API_KEY } from "../helpers/stack.js";
import { startWorkerStack, WORKER_SIGNING_SECRET, type WorkerStack } from "../helpers/worker-stack.js";

let worker: WorkerStack;
const nodes: RunningBackend[] = [];

beforeAll(async () => {
  // Long enough that all 20 requests arrive while the one call is in progress.
  worker = await startWorkerStack({ emulatorEnv: { EMULATOR_LATENCY_MS: "1500" } });
  for (let i = 0; i < 3; i++) {
    nodes.push(
      await startBackend({ ...worker.config, port: 0 }, createLogger("warn"), {
        storage: (publicUrl) =>
          R2SelfServedStorage.open({ bucket: worker.bucket, publicUrl, secret: WORKER_SIGNING_SECRET }),
      }),
    );
  }
}, 90_000);

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close(0)));
  await worker?.close();
});

const api = (base: string, route: string, body: unknown) =>
  fetch(base + route, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

it(
  "20 identical requests spread over three Node backends and a Worker cost one Immersity call, and all get the " +
    "result",
  async () => {
    const bases = [worker.backend.url, ...nodes.map((node) => node.url)];
    const health = await Promise.all(
      bases.map(async (base) => HealthResponse.parse(await (await fetch(`${base}/v1/health`)).json()).storage),
    );
    expect(health).toEqual(["r2", "r2", "r2", "r2"]);

    const png = await scenePng(48, 36, 2020);
    const asked = UploadResponse.parse(
      await (
        await api(worker.backend.url, "/v1/uploads", {
          sha256: sha256(png),
          contentType: "image/png",
          size: png.length,
        })
      ).json(),
    );
    const target = asked.upload!;
    expect((await fetch(target.url, { method: "PUT", body: png, headers: target.headers })).status).toBe(200);

    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await api(bases[i % bases.length]!, "/v1/disparity", { imageId: asked.imageId });
        const text = await response.text();
        expect(response.status, text).toBe(200);
        return ResultResponse.parse(JSON.parse(text));
      }),
    );
    const stats = await worker.stats();
    expect(stats.calls.disparity).toBe(1);
    expect(new Set(answers.map((answer) => answer.resultId)).size).toBe(1);
    // Uncached: the lease holder's five, which share its one call in its process; the rest waited on its lease.
    expect(answers.filter((answer) => !answer.cached)).toHaveLength(20 / bases.length);
    const results = await Promise.all(
      answers.map(async (answer) => Buffer.from(await (await fetch(answer.url)).arrayBuffer())),
    );
    expect(results[0]!.length).toBeGreaterThan(0);
    for (const bytes of results) expect(bytes.equals(results[0]!)).toBe(true);
  },
);
