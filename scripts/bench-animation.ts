// `npm run bench:animation`: what rendering a 60-frame 1024×1024 animation costs. In one run, for MP4
// and for GIF, each after an unmeasured warm-up:
//   (a) baseline: decode both inputs and encode 60 unchanged frames, on this thread: the least an
//       animation can cost with these decoders and encoders;
//   (b) the emulator's whole animation: decode, then 60 parallax frames rendered and encoded in its
//       worker thread, while this thread's event loop is watched for stalls;
//   (c) the parallax renderer alone, 60 frames on this thread, no encoding.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { AnimationThread } from "../src/emulator/animation/animation-thread.js";
import { createFrameEncoder } from "../src/emulator/animation/frame-encoders.js";
import { resolveParallax } from "../src/shared/camera.js";
import { parallaxRenderer } from "../src/emulator/animation/parallax-renderer.js";
import { decodeAnimationInputs, renderAnimation } from "../src/emulator/animation/render-animation.js";
import { renderDisparity } from "../src/emulator/render-disparity.js";
import { DISPARITY_DEFAULTS, type AnimationParams } from "../src/shared/immersity.js";
import { scenePng } from "../test/helpers/images.js";

const SIDE = Number(process.env.BENCH_SIDE ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** 60 frames either way: 2 s at 30 fps for MP4, 4 s at 15 fps for GIF; the default camera path otherwise. */
const REQUESTS: AnimationParams[] = [
  {
    inputImageUrl: "-",
    inputDisparityUrl: "-",
    animationType: "mp4",
    outputFps: 30,
    animationLength: 2,
  },
  {
    inputImageUrl: "-",
    inputDisparityUrl: "-",
    animationType: "gif",
    outputFps: 15,
    animationLength: 4,
  },
];

async function median(runs: number, measure: () => Promise<number>): Promise<number> {
  await measure();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main() {
  const image = await scenePng(SIDE, SIDE);
  const disparity = await renderDisparity(image, DISPARITY_DEFAULTS);
  const thread = new AnimationThread();
  const stall = monitorEventLoopDelay({ resolution: 5 });
  console.log(
    `bench:animation — ${SIDE}×${SIDE}, 60 frames, median of ${RUNS} runs after a warm-up, node ${process.version}`,
  );
  try {
    for (const params of REQUESTS) {
      const baseline = await median(RUNS, () =>
        timed(async () => {
          const { settings, rgba } = await decodeAnimationInputs({ image, disparity }, params);
          const encoder = await createFrameEncoder(settings.format, settings.size, settings.fps);
          for (let i = 0; i < settings.path.length; i++) encoder.add(rgba);
          encoder.finish();
        }),
      );
      let stallMs = 0;
      const animation = await median(RUNS, async () => {
        stall.reset();
        stall.enable();
        const time = await timed(() => renderAnimation({ image, disparity }, params, thread));
        stall.disable();
        stallMs = Math.max(stallMs, stall.max / 1e6);
        return time;
      });
      const { settings, rgba, disparity: grey } = await decodeAnimationInputs({ image, disparity }, params);
      const render = parallaxRenderer({ ...settings.size, rgba, disparity: grey }, resolveParallax(grey, {}));
      const frame = new Uint8Array(rgba.length);
      const renderer = await median(RUNS, () =>
        timed(async () => settings.path.forEach((camera) => render(camera, frame))),
      );
      const frames = settings.path.length;
      console.log(
        `${settings.format.toUpperCase().padEnd(4)} (a) decode + encode unchanged ` +
          `${baseline.toFixed(0).padStart(6)} ms` +
          `   (b) animation ${animation.toFixed(0).padStart(6)} ms (event loop stalled ≤ ${stallMs.toFixed(0)} ms)` +
          `   (c) renderer alone ${renderer.toFixed(0).padStart(6)} ms, ${(renderer / frames).toFixed(1)} ms/frame` +
          `   b/a ${(animation / baseline).toFixed(2)}   b − a ${(animation - baseline).toFixed(0)} ms`,
      );
    }
  } finally {
    await thread.close();
  }
}

await main();
