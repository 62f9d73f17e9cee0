// `npm run bench:export`: a free local 3D render in headless Chromium (software WebGL2 here,
// SwiftShader; WebCodecs and gifenc), 4 s at 30 fps at 1920×1080 and 2048×2048, MP4 and GIF, against
// the emulator's CPU renderer (its worker thread, as its route runs it) on the same scene and depth map
// in the same run. Prints export time ÷ animation length (target ≤ 1 for MP4), the page's peak JS
// heap, and local ÷ emulator.
//   BENCH_SIZES="1920x1080,2048x2048" to choose sizes.
import { AnimationThread } from "../src/emulator/animation/animation-thread.js";
import { renderAnimation as emulatorAnimation } from "../src/emulator/animation/render-animation.js";
import { renderDisparity } from "../src/emulator/render-disparity.js";
import { DISPARITY_DEFAULTS } from "../src/shared/immersity.js";
import { launchChromium } from "../test/helpers/chromium.js";
import { scenePng } from "../test/helpers/images.js";
import { servePage } from "../test/helpers/page-server.js";

const LENGTH_S = 4;
const FPS = 30;
const TARGET = 1;
const SIZES = (process.env.BENCH_SIZES ?? "1920x1080,2048x2048").split(",").map((s) => {
  const [width, height] = s.split("x").map(Number);
  return { width: width!, height: height! };
});

interface PageResult {
  ms: number;
  contentType: string;
  size: number;
  peakHeapBytes: number;
}

const server = await servePage(new URL("./bench-export-page.ts", import.meta.url).pathname);
const browser = await launchChromium();
const thread = new AnimationThread();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => "exportBench" in globalThis);
  console.log(`bench:export — ${LENGTH_S} s at ${FPS} fps (${LENGTH_S * FPS} frames), node ${process.version}`);
  let met = true;
  for (const { width, height } of SIZES) {
    const image = await scenePng(width, height, 7);
    const disparity = await renderDisparity(image, { ...DISPARITY_DEFAULTS, outputBitDepth: "uint16" });
    for (const format of ["mp4", "gif"] as const) {
      const options = { animationType: format, animationLength: LENGTH_S, outputFps: FPS } as const;
      const local = await page.evaluate(
        ([i, d, o]) =>
          (
            globalThis as unknown as { exportBench(i: number[], d: number[], o: object): Promise<PageResult> }
          ).exportBench(i, d, o),
        [Array.from(image), Array.from(disparity), options] as const,
      );
      const start = performance.now();
      await emulatorAnimation({ image, disparity }, { ...options, inputImageUrl: "-", inputDisparityUrl: "-" }, thread);
      const emulatorMs = performance.now() - start;
      const realtime = local.ms / (LENGTH_S * 1000);
      if (format === "mp4") met &&= realtime <= TARGET;
      const verdict = ` (target ≤ ${TARGET}) ${realtime <= TARGET ? "met" : "MISSED"}`;
      console.log(
        `${`${width}×${height}`.padEnd(10)} ${format.toUpperCase().padEnd(4)}` +
          ` local ${(local.ms / 1000).toFixed(1).padStart(6)} s (${local.contentType}, ` +
          `${(local.size / 1e6).toFixed(1)} MB,` +
          ` peak JS heap ${(local.peakHeapBytes / 2 ** 20).toFixed(0)} MiB)` +
          `   emulator ${(emulatorMs / 1000).toFixed(1).padStart(6)} s` +
          `   local/length ${realtime.toFixed(2)}${format === "mp4" ? verdict : ""}` +
          `   local/emulator ${(local.ms / emulatorMs).toFixed(2)}`,
      );
    }
  }
  process.exitCode = met ? 0 : 1;
} finally {
  await thread.close();
  await browser.dispose();
  await server.close();
}
