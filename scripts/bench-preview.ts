// `npm run bench:preview`: the live preview's frame time in headless Chromium (software WebGL2 here,
// SwiftShader), for 512², 1024² and 2048² inputs drawn into a 600×600 canvas, against a plain textured
// quad of the same input in the same run. Target: at most 2× the quad's frame time.
//   BENCH_FRAMES=N frames timed per case (30 by default).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { launchChromium } from "../test/helpers/chromium.js";

const FRAMES = Number(process.env.BENCH_FRAMES ?? 30);
const SIDES = [512, 1024, 2048];
const TARGET = 2;

const bundle = await build({
  entryPoints: [new URL("./bench-preview-page.ts", import.meta.url).pathname],
  bundle: true,
  format: "esm",
  platform: "browser",
  write: false,
});
const server = createServer((request, response) => {
  if (request.url === "/page.js") {
    response.writeHead(200, { "content-type": "text/javascript" }).end(bundle.outputFiles[0]!.text);
  } else {
    response.writeHead(200, { "content-type": "text/html" }).end('<script type="module" src="/page.js"></script>');
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
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
      `${`${side}²`.padEnd(6)} quad ${r.quadMs!.toFixed(1).padStart(6)} ms   depth ${r.depthMs!.toFixed(1).padStart(6)} ms` +
        `   ratio ${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? "met" : "MISSED"}`,
    );
  }
  process.exitCode = met ? 0 : 1;
} finally {
  await browser.dispose();
  server.close();
}
