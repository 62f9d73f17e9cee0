// Builds the plugin: the sandbox bundle (dist/code.js) and the UI as one HTML file with its script
// and styles inlined (dist/ui.html), as Figma loads the UI from a string; and the server `npm start`
// runs, as plain JavaScript in build/server (outside dist/: it holds the emulator's default
// credentials, and dist/ is what a designer loads).
//   npm run build         minified plugin, and the server (npm start runs this first)
//   npm run dev           unminified plugin, rebuilt on every change
import * as esbuild from "esbuild";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
export const SERVER_DIR = path.join(root, "build", "server");

export interface BuildResult {
  codeBytes: number;
  uiBytes: number;
}

const sandboxOptions = (minify: boolean, outDir = dist): esbuild.BuildOptions => ({
  entryPoints: [path.join(root, "src/plugin/main.ts")],
  bundle: true,
  outfile: path.join(outDir, "code.js"),
  format: "iife",
  // Figma's sandbox runs a conservative dialect of JavaScript.
  target: "es2017",
  platform: "neutral",
  mainFields: ["module", "main"],
  minify,
  sourcemap: minify ? false : "inline",
  logLevel: "warning",
});

// The component library marks its global stylesheets with a leading "!" for its own bundler.
const globalCss: esbuild.Plugin = {
  name: "global-css",
  setup(b) {
    b.onResolve({ filter: /^!.*\.css$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.slice(1)) }));
  },
};

const UI_ENTRY = path.join(root, "src/ui/main.tsx");

const uiOptions = (minify: boolean, outDir = dist, entry = UI_ENTRY): esbuild.BuildOptions => ({
  entryPoints: [entry],
  bundle: true,
  write: false,
  outdir: path.join(outDir, "ui"),
  format: "iife",
  target: "es2020",
  jsx: "automatic",
  jsxImportSource: "preact",
  loader: { ".module.css": "local-css" },
  plugins: [globalCss],
  minify,
  sourcemap: minify ? false : "inline",
  logLevel: "warning",
});

// The <depth-frame> web player developers ship: one ES module for a plain <script type="module">.
export const playerOptions = (minify: boolean, outDir = dist): esbuild.BuildOptions => ({
  entryPoints: [path.join(root, "src/render/player/depth-frame.ts")],
  bundle: true,
  outfile: path.join(outDir, "player", "depth-frame.js"),
  format: "esm",
  target: "es2022",
  platform: "browser",
  minify,
  sourcemap: minify ? false : "inline",
  logLevel: "warning",
});

function uiHtml(js: string, css: string): string {
  // "</script" inside the bundle would end the inline script early.
  const safeJs = js.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Depthframe</title>
<style>${css}</style>
</head>
<body>
<div id="app"></div>
<script>${safeJs}</script>
</body>
</html>
`;
}

function htmlOf(result: esbuild.BuildResult): string {
  const files = result.outputFiles ?? [];
  const js = files.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const css = files.find((f) => f.path.endsWith(".css"))?.text ?? "";
  return uiHtml(js, css);
}

/** A UI entry (src/ui/main.tsx unless told) as the one minified HTML file Figma loads, in memory. */
export async function buildUiHtml(entry = UI_ENTRY): Promise<string> {
  return htmlOf(await esbuild.build(uiOptions(true, dist, entry)));
}

async function writeUi(result: esbuild.BuildResult, outDir = dist): Promise<number> {
  const html = htmlOf(result);
  await writeFile(path.join(outDir, "ui.html"), html);
  return Buffer.byteLength(html);
}

/** `outDir` other than dist/ lets a test build without racing another that serves dist/. */
export async function build({ minify = true, outDir = dist } = {}): Promise<BuildResult> {
  await mkdir(outDir, { recursive: true });
  const [, ui] = await Promise.all([
    esbuild.build(sandboxOptions(minify, outDir)),
    esbuild.build(uiOptions(minify, outDir)),
    esbuild.build(playerOptions(minify, outDir)),
  ]);
  const uiBytes = await writeUi(ui, outDir);
  const { size: codeBytes } = await import("node:fs/promises").then((fs) => fs.stat(path.join(outDir, "code.js")));
  return { codeBytes, uiBytes };
}

/**
 * Compiles a server entry (scripts/serve.ts unless told) into `outDir`, dependencies left to
 * node_modules. Run by plain Node, the server saves what a TypeScript loader costs in every process:
 * its own thread and some 30 MB. The emulator's animation thread gets an entry of its own; the
 * emulator and the cloud storage SDKs stay in chunks loaded only when used.
 */
export async function buildServer({
  entry = path.join(root, "scripts/serve.ts"),
  outDir = SERVER_DIR,
} = {}): Promise<void> {
  // Built beside, then swapped in whole: a server running from outDir still finds a complete build
  // when it loads a chunk late (the emulator's thread), and chunks of earlier builds do not pile up.
  const fresh = `${outDir}.new-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  await esbuild.build({
    // Flat: the emulator finds its thread's entry beside its own chunk.
    entryPoints: {
      [path.basename(entry, ".ts")]: entry,
      "animation-thread-entry": path.join(root, "src/emulator/animation/animation-thread-entry.ts"),
    },
    bundle: true,
    splitting: true,
    outdir: fresh,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(fresh, outDir);
  await rm(old, { recursive: true, force: true });
}

async function watch(): Promise<void> {
  await mkdir(dist, { recursive: true });
  const sandbox = await esbuild.context(sandboxOptions(false));
  const ui = await esbuild.context({
    ...uiOptions(false),
    plugins: [
      globalCss,
      {
        name: "inline-ui",
        setup(b) {
          b.onEnd(async (result) => {
            if (result.errors.length === 0) console.log(`ui.html rebuilt (${await writeUi(result)} bytes)`);
          });
        },
      },
    ],
  });
  await Promise.all([sandbox.watch(), ui.watch()]);
  console.log("Watching src/ for changes; Ctrl-C stops.");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--watch")) await watch();
  else {
    const [sizes] = await Promise.all([build({ minify: !process.argv.includes("--dev") }), buildServer()]);
    console.log(
      `Plugin built: dist/code.js (${Math.round(sizes.codeBytes / 1024)} KB), dist/ui.html ` +
        `(${Math.round(sizes.uiBytes / 1024)} KB); server: build/server/serve.js.\n` +
        "Load the plugin in Figma desktop: Plugins → Development → Import plugin from manifest… → choose " +
        "manifest.json in this folder.\n",
    );
  }
}
