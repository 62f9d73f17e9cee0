// What a developer gets for a placed result: file names shared by Dev Mode's snippets and the
// export bundle, the <depth-frame> player's attributes, and the snippets themselves. Pure, so the
// sandbox (codegen) and the UI (the zip) say the same thing.
import { safeFileStem, uniqueFileStems } from "./file-names.js";
import {
  PARAMS_FILE,
  type HandoffFiles,
  type HandoffMotion,
  type HandoffParams,
  type ResultParams,
} from "./handoff-params.js";
import type { HandoffResult } from "./messages.js";

export type { HandoffResult };

export interface Snippet {
  title: string;
  language: "HTML" | "TYPESCRIPT" | "JSON";
  code: string;
}

/** The codegen languages the manifest offers, by value. */
export const CODEGEN_LANGUAGES = ["html", "react", "json"] as const;
export type CodegenLanguage = (typeof CODEGEN_LANGUAGES)[number];

const PATH_FIELDS = ["amplitudeX", "amplitudeY", "amplitudeZ", "phaseX", "phaseY", "phaseZ"] as const;

/** A result's files in the bundle, with a layered scene's plane files (one per plane, back to front). */
export type NamedFiles = HandoffFiles & { planes?: string[] };

export const isVideoFile = (name: string | undefined) => /\.(mp4|webm)$/.test(name ?? "");

/**
 * The result's files in the bundle; `stem` is the unique one the bundle gives its source, and
 * `taken` the bundle's other files, which a plane's file (named after its layer) must not clash with.
 */
export function handoffFiles(
  result: HandoffResult,
  stem = safeFileStem(result.sourceName),
  taken: Iterable<string> = [],
): NamedFiles {
  const files: NamedFiles = { source: `${stem}.png` };
  if (result.hasDepthMap) files.depth = `${stem}-depth.png`;
  if (result.kind === "animation") files.animation = `${stem}.${result.animationFormat ?? "mp4"}`;
  if (result.kind === "layered" && result.planes?.length) {
    const own = [files.source, files.depth ?? "", ...taken];
    const stems = uniqueFileStems(
      result.planes.map((plane) => `${stem} ${plane.name}`),
      (planeStem) => [`${planeStem}.png`],
      own,
    );
    files.planes = stems.map((planeStem) => `${planeStem}.png`);
  }
  return files;
}

/** A layered scene's `layers` attribute: "file depth" pairs, back to front. */
function layersAttribute(result: HandoffResult, planes: readonly string[]): string {
  return planes.map((file, i) => `${file} ${Number(result.planes![i]!.depth.toFixed(3))}`).join(", ");
}

const MOTION_FIELDS = ["animationLength", ...PATH_FIELDS, "gain", "convergence"] as const;

/** The camera path a result was made with; a depth map plays Immersity's default path. */
function motionOf(result: HandoffResult): HandoffMotion {
  const motion: HandoffMotion = {};
  // An animation records { disparity, animation }: the map's options and the camera's.
  if (!("animation" in result.options)) return motion;
  for (const key of MOTION_FIELDS) {
    const value = result.options.animation[key];
    if (value !== undefined) motion[key] = value;
  }
  return motion;
}

/** The <depth-frame> attributes for a result with a depth map, in a stable order. */
export function depthFrameAttributes(result: HandoffResult, files = handoffFiles(result)): [string, string][] {
  const motion = motionOf(result);
  const attributes: [string, string][] = [
    ["src", files.source],
    files.planes ? ["layers", layersAttribute(result, files.planes)] : ["depth", files.depth ?? ""],
  ];
  if (motion.animationLength !== undefined) attributes.push(["duration", String(motion.animationLength)]);
  const axes = (prefix: "amplitude" | "phase") => (["X", "Y", "Z"] as const).map((axis) => motion[`${prefix}${axis}`]);
  const amplitude = axes("amplitude");
  if (amplitude.some((v) => v !== undefined)) attributes.push(["amplitude", amplitude.map((v) => v ?? 1).join(" ")]);
  const phase = axes("phase");
  if (phase.some((v) => v !== undefined))
    attributes.push(["phase", phase.map((v, i) => v ?? [0, 0.25, 0.25][i]).join(" ")]);
  if (motion.gain !== undefined) attributes.push(["gain", String(motion.gain)]);
  if (motion.convergence !== undefined) attributes.push(["convergence", String(motion.convergence)]);
  if (isVideoFile(files.animation)) attributes.push(["fallback", files.animation!]);
  return attributes;
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** One result's entry in params.json. */
export function resultParams(result: HandoffResult, named = handoffFiles(result)): ResultParams {
  const { planes, ...files } = named;
  return {
    kind: result.kind,
    name: result.sourceName,
    width: result.width,
    height: result.height,
    files,
    motion: motionOf(result),
    options: result.options,
    ...(planes && {
      planes: planes.map((file, i) => ({ name: result.planes![i]!.name, file, depth: result.planes![i]!.depth })),
    }),
  };
}

/** params.json: everything needed to rebuild the effects, for the bundle and Dev Mode's JSON tab. */
export function handoffParams(results: ResultParams[]): HandoffParams {
  return { version: 1, results };
}

/** The markup that shows a result on a page: the player when it has a depth map or planes, else its animation. */
export function resultMarkup(result: HandoffResult, files = handoffFiles(result)): string {
  const size = `aspect-ratio: ${result.width} / ${result.height}`;
  const alt = escapeAttribute(result.sourceName);
  if (files.depth) {
    return [
      `<depth-frame`,
      ...depthFrameAttributes(result, files).map(([name, value]) => `  ${name}="${escapeAttribute(value)}"`),
      `  aria-label="${alt}"`,
      `  style="display: block; width: 100%; ${size}"`,
      `></depth-frame>`,
    ].join("\n");
  }
  return files.animation?.endsWith(".gif")
    ? `<img src="${files.animation}" alt="${alt}" width="${result.width}" height="${result.height}" />`
    : videoMarkup(result, files);
}

const videoMarkup = (result: HandoffResult, files: NamedFiles) =>
  `<video src="${files.animation}" poster="${files.source}" width="${result.width}" height="${result.height}" ` +
  `autoplay muted loop playsinline></video>`;

function reactSnippet(result: HandoffResult, files: NamedFiles): Snippet {
  const alt = escapeAttribute(result.sourceName);
  const component = safeFileStem(result.sourceName)
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  const name = `${/^[A-Z]/.test(component) ? component : `Layer${component}`}Depth`;
  const style = `style={{ display: "block", width: "100%", aspectRatio: "${result.width} / ${result.height}" }}`;
  const element = files.depth
    ? [
        "    <depth-frame",
        ...depthFrameAttributes(result, files).map(([key, value]) => `      ${key}="${escapeAttribute(value)}"`),
        `      aria-label="${alt}"`,
        `      ${style}`,
        "    />",
      ]
    : [
        `    <video src="${files.animation}" poster="${files.source}" aria-label="${alt}" autoPlay muted loop ` +
          `playsInline`,
        `      ${style}`,
        "    />",
      ];
  const code = [
    ...(files.depth ? [`import "./depth-frame.js"; // registers <depth-frame>`, ""] : []),
    `export function ${name}() {`,
    "  return (",
    ...element,
    "  );",
    "}",
  ].join("\n");
  return { title: "React", language: "TYPESCRIPT", code };
}

export function codegenSnippets(result: HandoffResult, language: CodegenLanguage): Snippet[] {
  const files = handoffFiles(result);
  if (language === "json") {
    const code = JSON.stringify(handoffParams([resultParams(result, files)]), null, 2);
    return [{ title: PARAMS_FILE, language: "JSON", code }];
  }
  if (language === "react") return [reactSnippet(result, files)];
  const snippets: Snippet[] = [];
  if (files.depth) {
    const code = `<script type="module" src="depth-frame.js"></script>\n${resultMarkup(result, files)}`;
    snippets.push({ title: "<depth-frame> player", language: "HTML", code });
  }
  if (isVideoFile(files.animation)) {
    snippets.push({ title: "Video", language: "HTML", code: videoMarkup(result, files) });
  } else if (!files.depth) {
    snippets.push({ title: "Animated GIF", language: "HTML", code: resultMarkup(result, files) });
  }
  return snippets;
}
