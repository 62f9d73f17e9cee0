// The plugin's settings, kept in figma.clientStorage and merged over these defaults field by field,
// so a stored value that is missing or no longer valid falls back to its default alone.
import * as z from "zod/mini";
import { AnimationOptions, DisparityOptions } from "./api.js";
import { ANIMATION_DEFAULTS, DISPARITY_DEFAULTS } from "./immersity.js";

/** Figma's createImage refuses larger images; exports stay within it. */
export const FIGMA_MAX_IMAGE_SIDE = 4096;

/** Who renders a 3D animation: Immersity's neural render (paid), or the plugin on this computer (free). */
export const AnimationEngine = z.enum(["immersity", "local"]);
export type AnimationEngine = z.infer<typeof AnimationEngine>;

/** The highest "ask before spending more than" threshold a designer can set. */
export const CONFIRM_ABOVE_MAX = 100_000;

export const Settings = z.object({
  // A pattern rather than z.url(): Figma's sandbox has no URL class to parse with.
  backendUrl: z
    .string()
    .check(z.maxLength(2000), z.regex(/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i, "must be an http:// or https:// URL")),
  /** Sent as a bearer token to the backend; lives in clientStorage only, never in the document. */
  apiKey: z.string().check(z.maxLength(500)),
  /** Long side of exported frames, in pixels. */
  targetSize: z.number().check(z.int(), z.minimum(64), z.maximum(FIGMA_MAX_IMAGE_SIDE)),
  concurrency: z.number().check(z.int(), z.minimum(1), z.maximum(8)),
  itemTimeoutS: z.number().check(z.int(), z.minimum(10), z.maximum(3600)),
  /** Generate asks first when its estimate is above this many credits. */
  confirmAboveCredits: z.number().check(z.int(), z.minimum(0), z.maximum(CONFIRM_ABOVE_MAX)),
  disparity: z.required(DisparityOptions),
  /** The animation options used last. */
  animation: AnimationOptions,
  /** The engine the 3D animation tab used last. */
  animationEngine: AnimationEngine,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  backendUrl: "http://127.0.0.1:8787",
  apiKey: "",
  targetSize: 2048,
  concurrency: 2,
  itemTimeoutS: 600,
  confirmAboveCredits: 50,
  disparity: { ...DISPARITY_DEFAULTS },
  // Immersity's defaults, which are the Perspective preset.
  animation: { ...ANIMATION_DEFAULTS },
  animationEngine: "immersity",
};

/** Each top-level field that parses is kept; anything else takes its default. */
export function mergeSettings(stored: unknown): Settings {
  const source = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    const field = Settings.shape[key].safeParse(source[key]);
    merged[key] = field.success ? field.data : DEFAULT_SETTINGS[key];
  }
  return Settings.parse(merged);
}
