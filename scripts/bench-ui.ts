// `npm run bench:ui`: the UI's script time at start in headless Chromium against a bare Preact +
// @create-figma-plugin/ui page of the same opening screen (scripts/bench-ui-baseline-page.tsx), in
// the same run. Each is built like dist/ui.html, hosted in an iframe as Figma does it (the host
// answers "ready" and sends a three-layer selection; /v1/prices answers from the same server), and
// timed from navigation until its opening screen is drawn, with Chromium's ScriptDuration metric.
// A host with an empty iframe is timed too and taken off both. Target: at most 1.5× the baseline. A
// third page, the baseline that also parses the UI's start messages with the shared schemas, shows
// what validation at start costs.
//   BENCH_RUNS=N page loads per variant (20 by default), interleaved; the medians are compared.
import type { BrowserContext, Page } from "playwright-core";
import { DEFAULT_SETTINGS } from "../src/shared/settings.js";
import { launchChromium } from "../test/helpers/chromium.js";
import { servePage } from "../test/helpers/page-server.js";
import { BENCH_SELECTION } from "./bench-ui-selection.js";
import { buildUiHtml } from "./build.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET = 1.5;
const VARIANTS = ["empty", "baseline", "schemas", "ui"] as const;
type Variant = (typeof VARIANTS)[number];

const bench = { settings: DEFAULT_SETTINGS, selection: BENCH_SELECTION };
const json = (value: unknown): [string, string] => ["application/json", JSON.stringify(value)];

const [ui, baseline, schemas] = await Promise.all([
  buildUiHtml(),
  buildUiHtml(new URL("./bench-ui-baseline-page.tsx", import.meta.url).pathname),
  buildUiHtml(new URL("./bench-ui-schemas-page.tsx", import.meta.url).pathname),
]);
const server = await servePage(new URL("./bench-ui-page.ts", import.meta.url).pathname, {
  "/ui.html": ["text/html", ui],
  "/baseline.html": ["text/html", baseline],
  "/schemas.html": ["text/html", schemas],
  "/empty.html": ["text/html", '<!doctype html><html><body><div id="app"></div></body></html>'],
  "/bench.json": json(bench),
  "/v1/health": json({ status: "ok", version: "bench", storage: "local", upstream: "emulator" }),
  "/v1/prices": json({ disparity: { image2d: 10 }, animation: { mp4: 10, gif: 10 } }),
});

/** Resolves once the variant's opening screen is drawn (the UI's: its rows and the estimate). */
async function drawn(page: Page, variant: Variant) {
  const frame = page.frameLocator("iframe");
  if (variant === "empty") return frame.locator("#app").waitFor({ state: "attached" });
  await frame.locator("li.item").nth(2).waitFor();
  if (variant === "ui") await frame.getByText(/Up to 30 credits/).waitFor();
}

/** Milliseconds of script in the page and its iframe, from navigation to the screen drawn. */
async function scriptMs(context: BrowserContext, variant: Variant): Promise<number> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(`${server.origin}/#${variant}`);
    await drawn(page, variant);
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((m) => m.name === "ScriptDuration")!.value * 1000;
  } finally {
    await page.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const browser = await launchChromium();
try {
  const times: Record<Variant, number[]> = { empty: [], baseline: [], schemas: [], ui: [] };
  for (let run = 0; run < RUNS; run++) {
    // Rotated, so neither variant always follows the other.
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(run + k) % VARIANTS.length]!;
      times[variant].push(await scriptMs(browser, variant));
    }
  }
  const host = median(times.empty);
  const uiMs = median(times.ui) - host;
  const baseMs = median(times.baseline) - host;
  const ratio = uiMs / baseMs;
  const kb = (html: string) => (Buffer.byteLength(html) / 1024).toFixed(0);
  console.log(
    `bench:ui — script time at start, median of ${RUNS} loads each, host page (${host.toFixed(1)} ms) taken off`,
  );
  console.log(
    `baseline  ${baseMs.toFixed(1).padStart(6)} ms   (${kb(baseline)} kB HTML, Preact + @create-figma-plugin/ui)`,
  );
  console.log(
    `+ schemas ${(median(times.schemas) - host).toFixed(1).padStart(6)} ms   (${kb(schemas)} kB HTML, the baseline ` +
      `also parsing the start messages with the shared schemas)`,
  );
  console.log(
    `ui        ${uiMs.toFixed(1).padStart(6)} ms   (${kb(ui)} kB HTML, src/ui/main.tsx as built for dist/ui.html)`,
  );
  console.log(`ratio     ${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? "met" : "MISSED"}`);
  process.exitCode = ratio <= TARGET ? 0 : 1;
} finally {
  await browser.dispose();
  await server.close();
}
