// A variant of `npm run bench:ui`'s baseline that also parses what the UI parses at start, with the
// shared zod/mini schemas (built on first use, so this builds the ones the UI builds at start): the
// "ready" answer, the selection event and the prices. Shows what validation at start costs.
import { Prices } from "../src/shared/immersity.js";
import { ANSWERS, Answer, PluginEvent } from "../src/shared/messages.js";
import { DEFAULT_SETTINGS } from "../src/shared/settings.js";
import { BENCH_SELECTION } from "./bench-ui-selection.js";
import "./bench-ui-baseline-page.js";

const parsed = [
  Answer.safeParse({ type: "answer", id: 1, ok: true, value: {} }),
  ANSWERS.ready.safeParse({ command: "depth", settings: DEFAULT_SETTINGS }),
  PluginEvent.safeParse({ type: "selection", ...BENCH_SELECTION }),
  Prices.safeParse({ disparity: { image2d: 10 }, animation: { mp4: 10, gif: 10 } }),
];
if (!parsed.every((result) => result.success)) throw new Error("bench:ui: a start message no longer parses");
