// The "Export for developers" zip: each selected result's files named after its source layer, the
// parameters (params.json), the <depth-frame> player and an index.html that plays them all. Pure:
// the bytes in, the zip's bytes out.
import { strToU8, Zip, ZipPassThrough } from "fflate";
import { uniqueFileStems } from "../shared/file-names.js";
import { handoffFiles, handoffParams, resultMarkup, resultParams, type NamedFiles } from "../shared/handoff.js";
import { PARAMS_FILE } from "../shared/handoff-params.js";
import type { HandoffResult } from "../shared/messages.js";

export const PLAYER_FILE = "depth-frame.js";
export const INDEX_FILE = "index.html";

/** One selected result and its files' bytes. Results of one source share its files. */
export interface HandedOff {
  sourceId: string;
  result: HandoffResult;
  source: Uint8Array;
  depth: Uint8Array | null;
  animation: Uint8Array | null;
  /** A layered scene's planes as PNGs, back to front, one per `result.planes`. */
  planes?: Uint8Array[];
}

const stemFiles = (stem: string) => [`${stem}.png`, `${stem}-depth.png`, `${stem}.mp4`, `${stem}.webm`, `${stem}.gif`];

/** A layered scene's depth map is its layers', not the source's: it gets files of its own. */
const stemKey = (item: HandedOff) => (item.result.kind === "layered" ? `${item.sourceId} layered` : item.sourceId);

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function indexHtml(entries: { item: HandedOff; files: NamedFiles }[]): string {
  const figures = entries.map(({ item, files }) => {
    const listed = [files.source, files.depth, files.animation, ...(files.planes ?? [])].filter(Boolean).join(", ");
    return (
      `<figure>\n${resultMarkup(item.result, files)}\n<figcaption>${escapeHtml(item.result.sourceName)}: ` +
      `${listed}</figcaption>\n</figure>`
    );
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Depthframe handoff</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
figure { margin: 0 0 2rem; }
figcaption { margin-top: 0.5rem; color: #555; }
img, video { display: block; max-width: 100%; height: auto; }
</style>
<script type="module" src="${PLAYER_FILE}"></script>
</head>
<body>
<h1>Depthframe handoff</h1>
<p>Serve this folder over HTTP to see it move (browsers run no modules from <code>file://</code>):
<code>npx serve .</code> or <code>python3 -m http.server</code>.
Each effect's settings are in <code>${PARAMS_FILE}</code>.</p>
${figures.join("\n")}
</body>
</html>
`;
}

/** Throws when a result's file the bundle names is missing: a zip whose page points at nothing is no handoff. */
export function handoffZip(items: readonly HandedOff[], player: string, mtime = new Date()): Uint8Array {
  if (!items.length) throw new Error("Select at least one Depthframe result to export.");
  const sources = [...new Map(items.map((item) => [stemKey(item), item.result.sourceName])).entries()];
  const stems = uniqueFileStems(
    sources.map(([, name]) => name),
    stemFiles,
    [INDEX_FILE, PARAMS_FILE, PLAYER_FILE],
  );
  const stemOf = new Map(sources.map(([key], index) => [key, stems[index]!]));
  // Planes are named after their layers, clear of every result's files.
  const taken = new Set(stems.flatMap(stemFiles));
  const files = new Map<string, Uint8Array>();
  const store = (name: string, bytes: Uint8Array | null | undefined, what: string, item: HandedOff) => {
    if (!bytes) throw new Error(`The ${what} of “${item.result.sourceName}” is missing.`);
    files.set(name, bytes);
  };
  const entries = items.map((item) => {
    const named = handoffFiles(item.result, stemOf.get(stemKey(item)), taken);
    store(named.source, item.source, "source image", item);
    if (named.depth) store(named.depth, item.depth, "depth map", item);
    if (named.animation) store(named.animation, item.animation, "animation", item);
    named.planes?.forEach((name, i) => {
      store(name, item.planes?.[i], `layer “${item.result.planes![i]!.name}”`, item);
      taken.add(name);
    });
    return { item, files: named };
  });
  const params = handoffParams(entries.map(({ item, files }) => resultParams(item.result, files)));
  files.set(PARAMS_FILE, strToU8(`${JSON.stringify(params, null, 2)}\n`));
  files.set(PLAYER_FILE, strToU8(player));
  files.set(INDEX_FILE, strToU8(indexHtml(entries)));
  return storedZip(files, mtime);
}

/**
 * Every file stored, none deflated: PNG, MP4 and GIF are compressed already, and leaving fflate's
 * compressor out keeps some 7 kB (gzipped) out of ui.html for a few kB more of text in the zip.
 */
function storedZip(files: ReadonlyMap<string, Uint8Array>, mtime: Date): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, bytes] of files) {
    const file = new ZipPassThrough(name);
    file.mtime = mtime;
    zip.add(file);
    file.push(bytes, true);
  }
  zip.end();
  const zipped = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((offset, chunk) => (zipped.set(chunk, offset), offset + chunk.length), 0);
  return zipped;
}
