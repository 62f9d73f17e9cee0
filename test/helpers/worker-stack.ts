// The Worker on workerd for tests: the bundle `wrangler deploy` would upload, run by Miniflare on
// 127.0.0.1 with a local R2 bucket bound as BUCKET, beside the emulator; its console lines (the
// backend's JSON logs) are collected like a Node backend's.
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { loadConfig } from "../../src/backend/config.js";
import type { R2BucketLike } from "../../src/backend/storage/r2-storage.js";
import { startEmulator } from "../../src/emulator/node-server.js";
import { EmulatorEnv, parseEnv } from "../../src/shared/env.js";
import { backendEnv, stackAround, type Stack } from "./stack.js";

const root = new URL("../../", import.meta.url).pathname;
export const WORKER_SIGNING_SECRET = "worker-stack-signing-secret-0123456789ab";

export type WorkerStack = Stack & { bucket: R2BucketLike; env: Record<string, string> };

export async function startWorkerStack(options: { emulatorEnv?: Record<string, string> } = {}): Promise<WorkerStack> {
  const storageDir = await mkdtemp(path.join(tmpdir(), "depthframe-worker-"));
  const bundle = path.join(storageDir, "bundle");
  await promisify(execFile)(
    path.join(root, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", bundle],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    },
  );
  const emulator = await startEmulator(parseEnv(EmulatorEnv, { EMULATOR_PORT: "0", ...options.emulatorEnv }));
  const env = { ...backendEnv(emulator, storageDir), STORAGE_SIGNING_SECRET: WORKER_SIGNING_SECRET };
  const logs: string[] = [];
  const miniflare = new Miniflare({
    modules: true,
    scriptPath: path.join(bundle, "worker-entry.js"),
    modulesRoot: bundle,
    // The player, which wrangler bundles as a Text module beside the script.
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "Text", include: ["**/*.txt"] },
    ],
    compatibilityDate: "2026-04-01",
    compatibilityFlags: ["nodejs_compat"],
    r2Buckets: { BUCKET: "depthframe" },
    bindings: { ...env, STORAGE: "r2" },
    host: "127.0.0.1",
    port: 0,
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr]) createInterface({ input: stream }).on("line", (line) => logs.push(line));
    },
  });
  const url = (await miniflare.ready).origin;
  const bucket = (await miniflare.getR2Bucket("BUCKET")) as unknown as R2BucketLike;
  const stack = stackAround({
    backend: { url, logger: undefined as never, close: () => miniflare.dispose() },
    emulator,
    config: loadConfig(env),
    storageDir,
    logs,
  });
  return { ...stack, bucket, env };
}
