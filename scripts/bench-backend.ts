// `npm run bench:backend`: the cost of going through the backend. In one run, against one emulator
// with no added latency:
//   (a) a client written like Immersity's sample: a token request per call, then /api/v1/disparity
//       on an image already in storage;
//   (b) the whole path through the backend: hash, POST /v1/uploads, PUT to storage, POST /v1/disparity.
// Every job uses an image of its own, so (b) never answers from its cache.
import { performance } from "node:perf_hooks";
import { scenePng, sha256 } from "../test/helpers/images.js";
import { spawnEmulator, startStack, upload, type Stack } from "../test/helpers/stack.js";

const JOBS = Number(process.env.BENCH_JOBS ?? 200);
// At 16 the emulator's renders, on its main thread, hold its event loop past the backend's 5 s
// keep-alive, and its input fetches then fail on connections the backend closed meanwhile.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SIDE = Number(process.env.BENCH_SIDE ?? 256);
// Unmeasured jobs of each kind first, so neither side pays for the JIT warming up.
const WARMUP = CONCURRENCY * 2;

async function runPool(count: number, concurrency: number, job: (i: number) => Promise<void>) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await job(i);
        durations.push(performance.now() - t);
      }
    }),
  );
  const wall = performance.now() - started;
  durations.sort((x, y) => x - y);
  const pct = (p: number) => durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))]!;
  return { p50: pct(50), p95: pct(95), throughput: (count / wall) * 1000 };
}

async function sampleStyleJob(stack: Stack, inputUrl: string) {
  const tokenResponse = await fetch(stack.emulator.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: stack.emulator.clientId,
      client_secret: stack.emulator.clientSecret,
    }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${stack.emulator.url}/api/v1/disparity`, {
    method: "POST",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ correlationId: crypto.randomUUID(), inputImageUrl: inputUrl }),
  });
  if (!response.ok) throw new Error(`sample-style call failed: ${response.status} ${await response.text()}`);
  await response.body?.cancel();
}

async function backendJob(stack: Stack, png: Buffer) {
  const imageId = await upload(stack, png, "image/png", sha256(png));
  const response = await stack.api("/v1/disparity", { json: { imageId } });
  if (!response.ok) throw new Error(`backend call failed: ${response.status} ${await response.text()}`);
  await response.body?.cancel();
}

async function main() {
  // The emulator runs in a process of its own, as Immersity is a remote service.
  // No per-key rate limit: this measures the path, and runs far more than a team would per minute.
  const stack = await startStack({
    backendEnv: { LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "1000000" },
    emulator: await spawnEmulator(),
  });
  try {
    const images = await Promise.all(Array.from({ length: (JOBS + WARMUP) * 2 }, (_, i) => scenePng(SIDE, SIDE, i)));
    const [directImages, backendImages] = [images.slice(0, JOBS + WARMUP), images.slice(JOBS + WARMUP)];
    // (a)'s inputs are stored beforehand, as "an already uploaded image".
    const storage = await import("../src/backend/storage/local-disk.js").then((m) =>
      m.LocalDiskStorage.open({ dir: stack.storageDir, publicUrl: stack.backend.url }),
    );
    const inputUrls: string[] = [];
    await runPool(directImages.length, CONCURRENCY, async (i) => {
      const png = directImages[i]!;
      inputUrls[i] = (await storage.signGet(`uploads/${await upload(stack, png, "image/png", sha256(png))}`, 3600)).url;
    });

    await runPool(WARMUP, CONCURRENCY, (i) => sampleStyleJob(stack, inputUrls[JOBS + i]!));
    const beforeA = await stack.stats();
    const a = await runPool(JOBS, CONCURRENCY, (i) => sampleStyleJob(stack, inputUrls[i]!));
    const afterA = await stack.stats();
    // The backend's first token request happens in its warm-up, so (b) counts from there.
    await runPool(WARMUP, CONCURRENCY, (i) => backendJob(stack, backendImages[JOBS + i]!));
    const b = await runPool(JOBS, CONCURRENCY, (i) => backendJob(stack, backendImages[i]!));
    const afterB = await stack.stats();

    const tokensA = afterA.tokenRequests - beforeA.tokenRequests;
    const tokensB = afterB.tokenRequests - afterA.tokenRequests;
    const row = (name: string, r: typeof a, tokens: number) =>
      `${name.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   ` +
      `${r.throughput.toFixed(1).padStart(6)} jobs/s   ${tokens} token requests`;
    console.log(
      `bench:backend — ${JOBS} jobs, concurrency ${CONCURRENCY}, ${SIDE}×${SIDE} PNG, emulator latency 0, ` +
        `node ${process.version}`,
    );
    console.log(row("(a) sample-style direct client", a, tokensA));
    console.log(row("(b) through the backend", b, tokensB) + ` (over ${JOBS + WARMUP} jobs)`);
    console.log(
      `ratio b/a: p50 ${(b.p50 / a.p50).toFixed(2)}   p95 ${(b.p95 / a.p95).toFixed(2)}   ` +
        `time per job ${(a.throughput / b.throughput).toFixed(2)}   (target ≤ 1.2, 1 token request)`,
    );
  } finally {
    await stack.close();
  }
}

await main();
