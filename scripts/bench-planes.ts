// `npm run bench:planes`: what showing a frame as its layers costs in the sandbox. A frame of 30
// planes exported at 2048 px on its long side in the fake figma, through the real sandbox code
// (src/plugin/main.ts) and the UI's plane loading (src/ui/planes/load-planes.ts: the plan, one
// export per layer, each decoded and composited into a whole-frame plane), against one export of
// the whole frame in the same run. Median of BENCH_RUNS (3) after a warm-up; PNGs decoded with
// fast-png here, where the plugin's iframe uses the browser's decoder.
//   BENCH_PLANES=N planes (30), BENCH_SIZE=px long side (2048).
import { decode } from "fast-png";
import { performance } from "node:perf_hooks";
import { ANSWERS, type Answer } from "../src/shared/messages.js";
import type { Rgba } from "../src/shared/plane-compose.js";
import { loadPlanes, type PlaneSource } from "../src/ui/planes/load-planes.js";
import { createFakeFigma, solidPaint, type FakeFigma } from "../test/fake-figma/index.js";
import { samplePng } from "../test/fake-figma/sample-images.js";

const PLANES = Number(process.env.BENCH_PLANES ?? 30);
const SIZE = Number(process.env.BENCH_SIZE ?? 2048);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIDE = 1024;

/** A full-bleed photo, then cards, badges and labels up to PLANES layers, spread over the frame. */
function buildFrame(fake: FakeFigma): string {
  const frame = fake.addFrame({ name: "Bench", width: SIDE, height: SIDE, fills: [solidPaint(1, 1, 1)] });
  fake.addImageFrame(samplePng(512, 512, 1), { parent: frame, name: "Photo", width: SIDE, height: SIDE });
  for (let i = 1; i < PLANES - 1; i++) {
    const x = (i * 137) % (SIDE - 200);
    const y = (i * 89) % (SIDE - 120);
    if (i % 3 === 2) fake.addText(`Label ${i}`, { parent: frame, name: `Label ${i}`, x: x + 10, y: y + 10 });
    else {
      const width = i % 3 === 0 ? 240 : 48;
      fake.addRectangle({
        parent: frame,
        name: `Card ${i}`,
        x,
        y,
        width,
        height: width / 2,
        fills: [solidPaint((i * 0.13) % 1, (i * 0.29) % 1, 0.6)],
      });
    }
  }
  return frame.id;
}

let decodeMs = 0;
async function decodeRgba(png: Uint8Array): Promise<Rgba> {
  const start = performance.now();
  const image = decode(png);
  decodeMs += performance.now() - start;
  return { width: image.width, height: image.height, data: image.data as Uint8Array };
}

const fake = createFakeFigma({});
const frameId = buildFrame(fake);
fake.install();
await import("../src/plugin/main.js");

let nextId = 1;
async function ask(type: string, body: object): Promise<unknown> {
  const id = nextId++;
  await fake.deliverFromUi({ ...body, type, id });
  const answer = fake.ui.sent.find((m): m is Answer => (m as Answer).type === "answer" && (m as Answer).id === id);
  if (!answer?.ok) throw new Error(`${type}: ${answer && !answer.ok ? answer.error : "no answer"}`);
  return answer.value;
}

let exportMs = 0;
const source: PlaneSource = {
  planes: async (nodeId, targetSize, open) =>
    ANSWERS.planes.parse(await ask("planes", { nodeId, targetSize, open: [...open] })),
  async part(nodeId, scale) {
    const start = performance.now();
    const bytes = ANSWERS.planePart.parse(await ask("planePart", { nodeId, scale })).bytes;
    exportMs += performance.now() - start;
    return bytes;
  },
};

async function median(measure: () => Promise<number>): Promise<number> {
  await measure();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await measure());
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

let planes = 0;
let size = "";
const frameMs = await median(() => timed(() => ask("export", { nodeId: frameId, targetSize: SIZE })));
let partsMs = 0;
let decodedMs = 0;
const planesMs = await median(async () => {
  exportMs = 0;
  decodeMs = 0;
  const ms = await timed(async () => {
    const loaded = await loadPlanes(source, { nodeId: frameId, targetSize: SIZE, open: [] }, decodeRgba);
    planes = loaded.planes.length;
    size = `${loaded.width}×${loaded.height}`;
  });
  partsMs = exportMs;
  decodedMs = decodeMs;
  return ms;
});

console.log(`bench:planes — ${planes} planes at ${size}, median of ${RUNS} after a warm-up, node ${process.version}`);
console.log(`one frame export      ${frameMs.toFixed(0).padStart(7)} ms`);
console.log(
  `the frame's planes    ${planesMs.toFixed(0).padStart(7)} ms   ratio ${(planesMs / frameMs).toFixed(1)}` +
    `   (layer exports ${partsMs.toFixed(0)} ms, decoding ${decodedMs.toFixed(0)} ms,` +
    ` compositing ${(planesMs - partsMs - decodedMs).toFixed(0)} ms)`,
);
process.exit(0);
