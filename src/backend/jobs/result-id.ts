// Content addressing: a result's id is a hash of the operation, the input's hash and the
// canonical options, so the same request always lands on the same stored object.
import { createHash } from "node:crypto";
import { DISPARITY_DEFAULTS } from "../../shared/immersity.js";
import type { AnimationOptions, DisparityOptions } from "../../shared/api.js";
import { ANIMATION_DEFAULTS, parsePattern } from "../../shared/immersity.js";

/** Defaults filled in and keys in a fixed order: `{}` and the explicit defaults are one request. */
export function canonicalDisparityOptions(options: DisparityOptions): Required<DisparityOptions> {
  return {
    dilation: options.dilation ?? DISPARITY_DEFAULTS.dilation,
    inputType: options.inputType ?? DISPARITY_DEFAULTS.inputType,
    outputBitDepth: options.outputBitDepth ?? DISPARITY_DEFAULTS.outputBitDepth,
  };
}

const PATH_FIELDS = [
  "animationLength",
  "amplitudeX",
  "amplitudeY",
  "amplitudeZ",
  "phaseX",
  "phaseY",
  "phaseZ",
] as const;

/**
 * Defaults filled in where Immersity publishes a number; the fields it estimates (gain,
 * convergence, size, frame rate) stay absent. With a pattern the path fields are ignored by
 * Immersity, so they are dropped: requests that differ only there are one result.
 */
export function canonicalAnimationOptions(options: AnimationOptions): AnimationOptions {
  const filled: AnimationOptions = { ...ANIMATION_DEFAULTS, ...options };
  if (filled.pattern !== undefined) {
    for (const field of PATH_FIELDS) delete filled[field];
    filled.pattern = parsePattern(filled.pattern)!.flat().join(",");
  }
  return filled;
}

/** JSON with object keys sorted at every level. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function resultIdFor(operation: "disparity" | "animation", inputSha256: string, options: object): string {
  return createHash("sha256")
    .update(`${operation}\n${inputSha256}\n${stableJson(options)}`)
    .digest("hex");
}
