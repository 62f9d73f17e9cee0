// params.json, the one description of handed-off results: what Dev Mode's JSON tab shows and what the
// export zip carries beside the files, so a developer (or a build step) can rebuild each effect.
import * as z from "zod/mini";
import { lazySchema } from "./lazy-schema.js";
import { AnimationOptions } from "./api.js";
import { HandoffKind, ResultOptions } from "./messages.js";

export const PARAMS_FILE = "params.json";

/** A file name in the bundle: lower-case ASCII, safe on every system and in a URL without escaping. */
export const BundleFileName = /* @__PURE__ */ lazySchema(() =>
  z
    .string()
    .check(
      z.maxLength(100),
      z.regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9]+)+$/, "must be a lower-case file name of letters, digits and hyphens"),
    ),
);

export const HandoffFiles = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    source: BundleFileName,
    /** Absent for an animation whose depth map was never placed in the document. */
    depth: z.optional(BundleFileName),
    animation: z.optional(BundleFileName),
  }),
);
export type HandoffFiles = z.infer<typeof HandoffFiles>;

/** The camera path a result plays, in the animation API's fields and ranges. */
export const HandoffMotion = /* @__PURE__ */ lazySchema(() =>
  z.pick(AnimationOptions, {
    animationLength: true,
    amplitudeX: true,
    amplitudeY: true,
    amplitudeZ: true,
    phaseX: true,
    phaseY: true,
    phaseZ: true,
    gain: true,
    convergence: true,
  }),
);
export type HandoffMotion = z.infer<typeof HandoffMotion>;

/** One plane of a layered scene: its layer's name, its PNG (the whole frame, transparent where the
 *  plane has nothing) and its depth, 0 far .. 1 near. */
export const PlaneParams = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: z.string(),
    file: BundleFileName,
    depth: z.number().check(z.minimum(0), z.maximum(1)),
  }),
);
export type PlaneParams = z.infer<typeof PlaneParams>;

export const ResultParams = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    kind: HandoffKind,
    /** The source layer's name, as the designer wrote it. */
    name: z.string(),
    width: z.number().check(z.int(), z.positive()),
    height: z.number().check(z.int(), z.positive()),
    files: HandoffFiles,
    motion: HandoffMotion,
    /** What the result was made with, as recorded on it. */
    options: ResultOptions,
    /** A layered scene's planes, back to front (kind "layered"). */
    planes: z.optional(z.array(PlaneParams)),
  }),
);
export type ResultParams = z.infer<typeof ResultParams>;

export const HandoffParams = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    version: z.literal(1),
    results: z.array(ResultParams).check(z.minLength(1)),
  }),
);
export type HandoffParams = z.infer<typeof HandoffParams>;
