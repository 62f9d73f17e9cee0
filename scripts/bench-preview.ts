// `npm run bench:preview`: the live preview's frame time in headless Chromium (software WebGL2 here,
// SwiftShader), for 512², 1024² and 2048² inputs drawn into a 600×600 canvas, against a plain textured
// quad of the same input in the same run. Target: at most 2× the quad's frame time. Then a layered
// scene of 30 planes at 2048² against the single-depth-map renderer at 2048², same canvas, same run
// (target: at most 4×, 30 draws of one texture fetch each against one ray march).
//   BENCH_FRAMES=N frames timed per case (30 by default); BENCH_PLANES=N planes (30).
import { launchChromium } from "../test/helpers/chromium.js";
import { servePage } from "../test/helpers/page-server.js";

const FRAMES = Number(process.env.BENCH_FRAMES ?? 30);
const SIDES = [512, 1024, 2048];
const TARGET = 2;
const PLANES = Number(process.env.BENCH_PLANES ?? 30);
const LAYERED_SIDE = 2048;
const LAYERED_TARGET = 4;

const server = await servePage(new URL("./bench-preview-page.ts", import.meta.url).pathname);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => "bench" in globalThis);
  const renderer = await page.evaluate(() => (globalThis as unknown as { rendererName(): string }).rendererName());
  console.log(`bench:preview — 600×600 canvas, ${FRAMES} frames per case, WebGL2 renderer: ${renderer}`);
  let met = true;
  for (const side of SIDES) {
    const r = await page.evaluate(
      ([s, f]) => (globalThis as unknown as { bench(s: number, f: number): Record<string, number> }).bench(s, f),
      [side, FRAMES] as const,
    );
    const ratio = r.depthMs! / r.quadMs!;
    met &&= ratio <= TARGET;
    console.log(
      `${`${side}²`.padEnd(6)} quad ${r.quadMs!.toFixed(1).padStart(6)} ms   depth ` +
        `${r.depthMs!.toFixed(1).padStart(6)} ms` +
        `   ratio ${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? "met" : "MISSED"}`,
    );
  }
  const l = await page.evaluate(
    ([s, p, f]) =>
      (globalThis as unknown as { benchLayered(s: number, p: number, f: number): Record<string, number> }).benchLayered(
        s,
        p,
        f,
      ),
    [LAYERED_SIDE, PLANES, FRAMES] as const,
  );
  const layeredRatio = l.layeredMs! / l.depthMs!;
  met &&= layeredRatio <= LAYERED_TARGET;
  console.log(
    `${`${LAYERED_SIDE}²`.padEnd(6)} depth ${l.depthMs!.toFixed(1).padStart(6)} ms` +
      `   ${PLANES} planes ${l.layeredMs!.toFixed(1).padStart(6)} ms` +
      `   ratio ${layeredRatio.toFixed(2)} (target ≤ ${LAYERED_TARGET})` +
      ` ${layeredRatio <= LAYERED_TARGET ? "met" : "MISSED"}`,
  );
  process.exitCode = met ? 0 : 1;
} finally {
  await browser.dispose();
  await server.close();
}
