// Builds the plugin: the sandbox bundle (dist/code.js) and the UI as one HTML file with its script
// and styles inlined (dist/ui.html), as Figma loads the UI from a string.
//   npm run build         minified, for release
//   npm run dev           unminified, rebuilt on every change
import * as esbuild from "esbuild";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");

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

const uiOptions = (minify: boolean, outDir = dist): esbuild.BuildOptions => ({
  entryPoints: [path.join(root, "src/ui/main.tsx")],
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

function uiHtml(js: string, css: string): string {
  // "</script" inside the bundle would end the inline script early.
  const safeJs = js.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<style>${css}</style>
</head>
<body>
<div id="app"></div>
<script>${safeJs}</script>
</body>
</html>
`;
}

async function writeUi(result: esbuild.BuildResult, outDir = dist): Promise<number> {
  const files = result.outputFiles ?? [];
  const js = files.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const css = files.find((f) => f.path.endsWith(".css"))?.text ?? "";
  const html = uiHtml(js, css);
  await writeFile(path.join(outDir, "ui.html"), html);
  return Buffer.byteLength(html);
}

/** `outDir` other than dist/ lets a test build without racing another that serves dist/. */
export async function build({ minify = true, outDir = dist } = {}): Promise<BuildResult> {
  await mkdir(outDir, { recursive: true });
  const [, ui] = await Promise.all([esbuild.build(sandboxOptions(minify, outDir)), esbuild.build(uiOptions(minify, outDir))]);
  const uiBytes = await writeUi(ui, outDir);
  const { size: codeBytes } = await import("node:fs/promises").then((fs) => fs.stat(path.join(outDir, "code.js")));
  return { codeBytes, uiBytes };
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
    const sizes = await build({ minify: !process.argv.includes("--dev") });
    console.log(`Built dist/code.js (${sizes.codeBytes} bytes) and dist/ui.html (${sizes.uiBytes} bytes).`);
  }
}
