// `npm run bench:load`: 500 jobs in flight at once through the backend, against the emulator with
// 2 s of latency per call. The backend, the emulator and this client each run in a process of their
// own, as in production. In one run:
//   (a) baseline: the same 500 calls made straight to the emulator at once, inputs and results in
//       its own storage: what the emulator itself adds to its 2 s under this burst;
//   (b) through the backend: every image uploaded first (its own, so nothing comes from the cache),
//       then all the disparity requests sent at once.
// Reported against the targets: errors, the latency (b) adds over the emulator's 2 s, the backend's
// peak RSS (VmHWM) and its worst event-loop delay (printed by the backend process as it exits), and
// the backend's token requests; beside them, the processor time per job of the backend and of its
// neighbours on the same two cores, the emulator and this client, and the worst delay of an idle
// process run beside the backend over the same time: the part of the backend's that the machine
// alone causes. The emulator makes flat maps (EMULATOR_RESULTS=flat): its depth rendering would
// measure the emulator, not the backend.
// BENCH_JOBS, BENCH_LATENCY_MS and BENCH_SIDE change the run; BENCH_RAMP_MS starts the jobs evenly
// over that time instead of at once; BENCH_STORAGE_PARENT puts the local storage's folder elsewhere
// than the system's temporary folder; BENCH_STORAGE=s3 puts images and results in a bucket of an S3
// server (s3rver, in this process) instead of local storage. BENCH_ROUNDS=N runs N rounds, each
// with its own images, backend and storage, and sums them up: the machine's noise moves a single
// round's worst delay by tens of milliseconds.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { ResultResponse, UploadResponse } from "../src/shared/api.js";
import { EMULATOR_CONTROL_PREFIX, EmulatorStats } from "../src/shared/emulator.js";
import { StorageCallResult, TokenResponse } from "../src/shared/immersity.js";
import { scenePng, sha256 } from "../test/helpers/images.js";
import { createUpstreamClient } from "../src/backend/upstream-agent.js";
import {
  backendEnv,
  spawnBackend,
  spawnEmulator,
  TEST_API_KEY,
  type EmulatorHandle,
  type SpawnedEmulator,
} from "../test/helpers/stack.js";
import { eventLoopDelayOf } from "./event-loop-delay.js";
import { spawnEntry, type SpawnedEntry } from "../test/helpers/spawn-entry.js";
import { buildServer } from "./build.js";

const JOBS = Number(process.env.BENCH_JOBS ?? 500);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 2000);
const SIDE = Number(process.env.BENCH_SIDE ?? 32);
const RAMP_MS = Number(process.env.BENCH_RAMP_MS ?? 0);
const STORAGE = process.env.BENCH_STORAGE ?? "local";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const TARGETS = { errors: 0, rssMb: 150, eventLoopMs: 50, tokens: 1 };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Peak resident set of a process, in MB, from Linux's /proc. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

/** Processor time a process has used in its own code and in the kernel, in ms (Linux counts it in 1/100 s). */
async function cpuMs(pid: number): Promise<{ user: number; system: number }> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** Runs every job at once (or spread evenly over BENCH_RAMP_MS); answers each one's duration, and the errors. */
async function allAtOnce<T>(items: T[], job: (item: T) => Promise<void>) {
  const durations: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  await Promise.all(
    items.map(async (item, i) => {
      if (RAMP_MS > 0) await new Promise((resolve) => setTimeout(resolve, (i * RAMP_MS) / items.length));
      const t = performance.now();
      try {
        await job(item);
        durations.push(performance.now() - t);
      } catch (error) {
        errors.push((error as Error).message);
      }
    }),
  );
  return {
    durations: durations.sort((a, b) => a - b),
    errors,
    wallMs: performance.now() - started,
  };
}

// The clients stand for 500 plugins on other machines, but here they share the backend's two cores.
// Node's fetch costs about twice the processor time of node:http per call (docs/benchmarks.md),
// time the backend would wait for the processor; so they call through the backend's own client,
// without its pacing.
const CALL_TIMEOUT_MS = 300_000;
const clients = createUpstreamClient({ timeoutMs: CALL_TIMEOUT_MS });
const http = clients.request;

async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<unknown> {
  const response = await http(url, { ...init, timeoutMs: CALL_TIMEOUT_MS });
  if (response.ok) return response.json();
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body) chunks.push(chunk);
  throw new Error(`${new URL(url).pathname}: ${response.status} ${Buffer.concat(chunks).toString("utf8")}`);
}

/** A storage upload; storages answer it with an empty body or XML. */
async function put(url: string, body: Uint8Array, headers: Record<string, string>): Promise<void> {
  const response = await http(url, { method: "PUT", body, headers, timeoutMs: CALL_TIMEOUT_MS });
  await response.discard();
  if (!response.ok) throw new Error(`PUT: ${response.status}`);
}

/** (a): a client of the emulator alone, with a token of its own and upload slots in the emulator's storage. */
async function directClient(emulator: EmulatorHandle) {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
  });
  const { access_token } = TokenResponse.parse(
    await call(emulator.tokenUrl, {
      method: "POST",
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  );
  const headers = { authorization: `Bearer ${access_token}`, "content-type": "application/json" };
  return {
    async upload(png: Buffer): Promise<string> {
      const slot = StorageCallResult.parse(
        await call(`${emulator.url}/api/v1/get-upload-url?fileName=in.png`, { headers }),
      );
      await put(slot.url, png, { "content-type": "image/png" });
      return slot.url;
    },
    async disparity(inputImageUrl: string): Promise<void> {
      await call(`${emulator.url}/api/v1/disparity`, {
        method: "POST",
        headers,
        body: JSON.stringify({ inputImageUrl }),
      });
    },
  };
}

/** (b): the plugin's calls to the backend. */
function backendClient(url: string) {
  const headers = { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" };
  const post = (route: string, body: unknown) =>
    call(url + route, { method: "POST", headers, body: JSON.stringify(body) });
  return {
    async upload(png: Buffer): Promise<void> {
      const asked = UploadResponse.parse(
        await post("/v1/uploads", {
          sha256: sha256(png),
          contentType: "image/png",
          size: png.length,
        }),
      );
      await put(asked.upload!.url, png, asked.upload!.headers);
    },
    async disparity(png: Buffer): Promise<void> {
      ResultResponse.parse(await post("/v1/disparity", { imageId: sha256(png) }));
    },
  };
}

const emulatorStats = async (emulator: EmulatorHandle) =>
  EmulatorStats.parse(await call(emulator.url + EMULATOR_CONTROL_PREFIX + "/stats"));

async function run(emulator: SpawnedEmulator, storageEnv: Record<string, string>, backendEntry: string, round: number) {
  // Images of their own in each round: nothing comes from an earlier round's cache.
  const images = await Promise.all(
    Array.from({ length: 2 * JOBS + 1 }, (_, i) => scenePng(SIDE, SIDE, round * (2 * JOBS + 1) + i)),
  );
  const [warmup, ...rest] = images;
  const [directImages, backendImages] = [rest.slice(0, JOBS), rest.slice(JOBS)];

  const direct = await directClient(emulator);
  const slots = await Promise.all(directImages.map((png) => direct.upload(png)));
  const a = await allAtOnce(slots, (slot) => direct.disparity(slot));
  const tokensBefore = (await emulatorStats(emulator)).tokenRequests;

  const backend = await spawnBackend(
    {
      ...storageEnv,
      // One API key sends every job here; the limit per key is not what this measures.
      RATE_LIMIT_PER_MINUTE: "1000000",
    },
    backendEntry,
  );
  let idle: SpawnedEntry | undefined;
  try {
    idle = await spawnEntry(fileURLToPath(new URL("./idle-main.ts", import.meta.url)));
    const client = backendClient(backend.url);
    // One job first, unmeasured: the backend's first token request and its code's first run.
    await client.upload(warmup!);
    await client.disparity(warmup!);
    const cpuBefore = await Promise.all([cpuMs(backend.pid), cpuMs(emulator.pid)]);
    const clientBefore = process.cpuUsage();
    const uploads = await allAtOnce(backendImages, (png) => client.upload(png));
    const b = await allAtOnce(backendImages, (png) => client.disparity(png));
    const clientCpu = process.cpuUsage(clientBefore);
    const [cpuAfter, emulatorAfter] = await Promise.all([cpuMs(backend.pid), cpuMs(emulator.pid)]);
    const cpu = {
      user: cpuAfter.user - cpuBefore[0].user,
      system: cpuAfter.system - cpuBefore[0].system,
    };
    // The neighbours the backend shares the two cores with, in their code and the kernel.
    const neighbours = {
      emulator: emulatorAfter.user + emulatorAfter.system - cpuBefore[1].user - cpuBefore[1].system,
      client: (clientCpu.user + clientCpu.system) / 1000,
    };
    const rssMb = await peakRssMb(backend.pid);
    const stats = await emulatorStats(emulator);
    await Promise.all([backend.stop(), idle.stop()]);
    const delays = { backend: eventLoopDelayOf(backend.lines), idle: eventLoopDelayOf(idle.lines) };
    return {
      a,
      uploads,
      b,
      rssMb,
      delays,
      cpu,
      neighbours,
      tokens: stats.tokenRequests - tokensBefore,
    };
  } finally {
    await Promise.all([backend.stop(), idle?.stop()]);
  }
}

type Round = Awaited<ReturnType<typeof run>>;

const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
const errorsOf = (r: Round) => r.uploads.errors.length + r.b.errors.length;

function report(r: Round, withS3rver: boolean): void {
  const added = (durations: number[]) => durations.map((d) => d - LATENCY_MS);
  const [addedA, addedB] = [added(r.a.durations), added(r.b.durations)];
  const errors = errorsOf(r);
  const row = (name: string, d: number[]) =>
    `${name.padEnd(30)} p50 ${percentile(d, 50).toFixed(0).padStart(5)} ms   p99 ${percentile(d, 99).toFixed(0).padStart(5)} ms`;
  console.log(
    `${row("(a) straight to the emulator", addedA)}   added over ${LATENCY_MS} ms, ${r.a.errors.length} errors`,
  );
  console.log(`${row("(b) through the backend", addedB)}   added over ${LATENCY_MS} ms, ${r.b.errors.length} errors`);
  console.log(
    `    b − a                      p50 ${(percentile(addedB, 50) - percentile(addedA, 50)).toFixed(0).padStart(5)} ms   p99 ${(percentile(addedB, 99) - percentile(addedA, 99)).toFixed(0).padStart(5)} ms`,
  );
  console.log(
    `    uploads before (b)         p50 ${percentile(r.uploads.durations, 50).toFixed(0).padStart(5)} ms   p99 ${percentile(r.uploads.durations, 99).toFixed(0).padStart(5)} ms   ${r.uploads.errors.length} errors`,
  );
  console.log(
    `    backend processor time     ${(r.cpu.user / JOBS).toFixed(2)} ms per job in its code, ${(r.cpu.system / JOBS).toFixed(2)} ms in the kernel (upload and disparity)`,
  );
  console.log(
    `    its neighbours' time       emulator ${(r.neighbours.emulator / JOBS).toFixed(2)} ms per job, this client${withS3rver ? " with s3rver" : ""} ${(r.neighbours.client / JOBS).toFixed(2)} ms per job`,
  );
  console.log(`errors                 ${errors}   (target ${TARGETS.errors}) ${verdict(errors <= TARGETS.errors)}`);
  console.log(
    `backend peak RSS       ${r.rssMb.toFixed(1)} MB   (target ≤ ${TARGETS.rssMb}) ${verdict(r.rssMb <= TARGETS.rssMb)}`,
  );
  console.log(
    `worst event-loop delay ${r.delays.backend.toFixed(1)} ms   (target < ${TARGETS.eventLoopMs}) ${verdict(r.delays.backend < TARGETS.eventLoopMs)}; an idle process beside it: ${r.delays.idle.toFixed(1)} ms`,
  );
  console.log(
    `token requests         ${r.tokens}   (target ${TARGETS.tokens}) ${verdict(r.tokens === TARGETS.tokens)}`,
  );
  if (errors + r.a.errors.length > 0)
    console.log(`first errors: ${[...r.a.errors, ...r.uploads.errors, ...r.b.errors].slice(0, 3).join(" | ")}`);
}

/** Every round against the targets: the range of each figure, and in how many rounds each target was met. */
function summary(rounds: Round[]): void {
  const range = (values: number[], unit = "", digits = 0) => {
    const sorted = [...values].sort((a, b) => a - b);
    const [low, median, high] = [0, 50, 100].map((p) => percentile(sorted, p).toFixed(digits));
    return `${low} to ${high}${unit}, median ${median}`;
  };
  const met = (ok: (r: Round) => boolean) => `met in ${rounds.filter(ok).length} of ${rounds.length}`;
  console.log(`\nover ${rounds.length} rounds`);
  console.log(
    `(b) p50 added          ${range(
      rounds.map((r) => percentile(r.b.durations, 50) - LATENCY_MS),
      " ms",
    )}`,
  );
  console.log(
    `errors                 ${range(rounds.map(errorsOf))}   target ${TARGETS.errors} ${met((r) => errorsOf(r) <= TARGETS.errors)}`,
  );
  console.log(
    `backend peak RSS       ${range(
      rounds.map((r) => r.rssMb),
      " MB",
      1,
    )}   target ≤ ${TARGETS.rssMb} ${met((r) => r.rssMb <= TARGETS.rssMb)}`,
  );
  console.log(
    `worst event-loop delay ${range(
      rounds.map((r) => r.delays.backend),
      " ms",
      1,
    )}   target < ${TARGETS.eventLoopMs} ${met((r) => r.delays.backend < TARGETS.eventLoopMs)}`,
  );
  console.log(
    `  an idle process's    ${range(
      rounds.map((r) => r.delays.idle),
      " ms",
      1,
    )}`,
  );
  console.log(
    `token requests         ${range(rounds.map((r) => r.tokens))}   target ${TARGETS.tokens} ${met((r) => r.tokens === TARGETS.tokens)}`,
  );
}

async function main() {
  const emulator = await spawnEmulator({
    EMULATOR_LATENCY_MS: String(LATENCY_MS),
    EMULATOR_RESULTS: "flat",
  });
  // Compiled as `npm start` runs the server: plain Node, no TypeScript loader. Inside the project,
  // where Node finds the dependencies.
  const buildDir = fileURLToPath(new URL("../build/", import.meta.url));
  await mkdir(buildDir, { recursive: true });
  const serverDir = await mkdtemp(path.join(buildDir, "bench-load-"));
  // Loaded only for this: the S3 server and its SDK would weigh on the client's process otherwise.
  const s3 = STORAGE === "s3" ? await (await import("../test/helpers/storage-servers.js")).startS3rver() : null;
  try {
    await s3?.createBucket("bench-load");
    await buildServer({
      entry: fileURLToPath(new URL("./load-backend-main.ts", import.meta.url)),
      outDir: serverDir,
    });
    const start = RAMP_MS > 0 ? `started evenly over ${RAMP_MS} ms` : "at once";
    console.log(
      `bench:load — ${JOBS} jobs ${start}, ${SIDE}×${SIDE} PNG, emulator latency ${LATENCY_MS} ms (flat maps), storage ${STORAGE}, node ${process.version}`,
    );
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const storageDir = await mkdtemp(
        path.join(process.env.BENCH_STORAGE_PARENT ?? tmpdir(), "depthframe-bench-load-"),
      );
      try {
        const storageEnv = { ...backendEnv(emulator, storageDir), ...s3?.env("bench-load") };
        if (ROUNDS > 1) console.log(`\nround ${round + 1} of ${ROUNDS}`);
        const r = await run(emulator, storageEnv, path.join(serverDir, "load-backend-main.js"), round);
        report(r, s3 !== null);
        rounds.push(r);
      } finally {
        await rm(storageDir, { recursive: true, force: true });
      }
    }
    if (ROUNDS > 1) summary(rounds);
  } finally {
    clients.close();
    await Promise.all([emulator.close(), s3?.close()]);
    await rm(serverDir, { recursive: true, force: true });
  }
}

await main();
