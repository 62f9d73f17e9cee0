// What a developer gets for a placed result: file names shared by Dev Mode's snippets and the
// export bundle, the <depth-frame> player's attributes, and the snippets themselves. Pure, so the
// sandbox (codegen) and the UI (the zip) say the same thing.
import type { ResultKind } from "./messages.js";

/** A placed result as its plugin data describes it. */
export interface HandoffResult {
  kind: ResultKind;
  /** The source layer's name, which the files are named after. */
  sourceName: string;
  /** The options the result was made with, as recorded on it (unchecked JSON). */
  options: Record<string, unknown>;
  /** How an animation was placed: a video fill (MP4) or an image fill (GIF). */
  animationFormat?: "mp4" | "gif";
  width: number;
  height: number;
}

export interface HandoffFiles {
  source: string;
  depth: string;
  animation?: string;
  params: "params.json";
}

export interface Snippet {
  title: string;
  language: "HTML" | "TYPESCRIPT" | "JSON";
  code: string;
}

/** The codegen languages the manifest offers, by value. */
export const CODEGEN_LANGUAGES = ["html", "react", "json"] as const;
export type CodegenLanguage = (typeof CODEGEN_LANGUAGES)[number];

const PATH_FIELDS = ["amplitudeX", "amplitudeY", "amplitudeZ", "phaseX", "phaseY", "phaseZ"] as const;

/** A layer name as a file name that is safe on every system and in a URL: "Hero / Photo 1" → "hero-photo-1". */
export function safeFileStem(name: string): string {
  const stem = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return stem || "layer";
}

export function handoffFiles(result: HandoffResult): HandoffFiles {
  const stem = safeFileStem(result.sourceName);
  const files: HandoffFiles = {
    source: `${stem}.png`,
    depth: `${stem}-depth.png`,
    params: "params.json",
  };
  if (result.kind === "animation") files.animation = `${stem}.${result.animationFormat ?? "mp4"}`;
  return files;
}

const numberOption = (options: Record<string, unknown>, key: string): number | undefined => {
  const value = options[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The camera path a result was made with; a depth map plays Immersity's default path. */
function motionOf(result: HandoffResult): Record<string, number> {
  const motion: Record<string, number> = {};
  if (result.kind !== "animation") return motion;
  // An animation records { disparity, animation }: the map's options and the camera's.
  const animation = isRecord(result.options.animation) ? result.options.animation : {};
  for (const key of ["animationLength", ...PATH_FIELDS, "gain", "convergence"]) {
    const value = numberOption(animation, key);
    if (value !== undefined) motion[key] = value;
  }
  return motion;
}

/** The <depth-frame> attributes for a result, in a stable order. */
export function depthFrameAttributes(result: HandoffResult): [string, string][] {
  const files = handoffFiles(result);
  const motion = motionOf(result);
  const attributes: [string, string][] = [
    ["src", files.source],
    ["depth", files.depth],
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
  if (files.animation?.endsWith(".mp4")) attributes.push(["fallback", files.animation]);
  return attributes;
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** params.json: everything needed to rebuild the effect, for the bundle and Dev Mode's JSON tab. */
export function handoffParams(result: HandoffResult) {
  return {
    kind: result.kind,
    name: result.sourceName,
    width: result.width,
    height: result.height,
    files: handoffFiles(result),
    motion: motionOf(result),
    options: result.options,
  };
}

export function codegenSnippets(result: HandoffResult, language: CodegenLanguage): Snippet[] {
  const attributes = depthFrameAttributes(result);
  const files = handoffFiles(result);
  const alt = escapeAttribute(result.sourceName);
  if (language === "json") {
    return [
      {
        title: "params.json",
        language: "JSON",
        code: JSON.stringify(handoffParams(result), null, 2),
      },
    ];
  }
  if (language === "react") {
    const props = attributes.map(([name, value]) => `      ${name}="${escapeAttribute(value)}"`).join("\n");
    const component = safeFileStem(result.sourceName)
      .split("-")
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join("");
    const code = [
      `import "./depth-frame.js"; // registers <depth-frame>`,
      "",
      `export function ${/^[A-Z]/.test(component) ? component : `Layer${component}`}Depth() {`,
      "  return (",
      "    <depth-frame",
      props,
      `      aria-label="${alt}"`,
      `      style={{ display: "block", width: "100%", aspectRatio: "${result.width} / ${result.height}" }}`,
      "    />",
      "  );",
      "}",
    ].join("\n");
    return [{ title: "React", language: "TYPESCRIPT", code }];
  }
  const element = [
    `<script type="module" src="depth-frame.js"></script>`,
    `<depth-frame`,
    ...attributes.map(([name, value]) => `  ${name}="${escapeAttribute(value)}"`),
    `  aria-label="${alt}"`,
    `  style="display: block; width: 100%; aspect-ratio: ${result.width} / ${result.height}"`,
    `></depth-frame>`,
  ].join("\n");
  const snippets: Snippet[] = [{ title: "<depth-frame> player", language: "HTML", code: element }];
  if (files.animation?.endsWith(".mp4")) {
    snippets.push({
      title: "Video",
      language: "HTML",
      code: `<video src="${files.animation}" poster="${files.source}" width="${result.width}" height="${result.height}" autoplay muted loop playsinline></video>`,
    });
  }
  return snippets;
}
