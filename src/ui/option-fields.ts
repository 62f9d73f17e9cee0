// What each option is called in the UI, what it does in one line, and what it takes. The bounds
// and defaults are Immersity's published ones (PARAM_RANGES, the same the schemas check), so a field
// says exactly what the backend accepts.
import { AUTO_FPS } from "../shared/camera.js";
import { ANIMATION_DEFAULTS, DISPARITY_DEFAULTS, PARAM_RANGES } from "../shared/immersity-values.js";
import { MAX_OUTPUT_SIDE } from "../shared/output-size.js";

export type NumberField =
  | "animationLength"
  | "numberOfLoops"
  | "amplitudeX"
  | "amplitudeY"
  | "amplitudeZ"
  | "phaseX"
  | "phaseY"
  | "phaseZ"
  | "gain"
  | "convergence"
  | "outputWidth"
  | "outputHeight";

export interface NumberRange {
  label: string;
  /** One line shown under the field: what changing it does. */
  description: string;
  /** The tooltip's extra: the API's name for the field, and what the line leaves out. */
  tooltip: string;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  /** The service's default, which an empty field leaves it to use. */
  default?: number;
  /** What an empty field means when the service works the value out. */
  auto?: string;
}

/** A field's published bounds and default. */
const published = <K extends keyof typeof PARAM_RANGES>(key: K, defaults: Partial<Record<K, number>>) => ({
  ...PARAM_RANGES[key],
  ...(defaults[key] === undefined ? {} : { default: defaults[key] }),
});
const motion = (key: keyof typeof PARAM_RANGES) => published(key, ANIMATION_DEFAULTS);
const ESTIMATED = "estimated";
const OUTPUT_SIDE = { min: 1, max: MAX_OUTPUT_SIDE, step: 1, integer: true, auto: "the layer's" };

export const RANGES: Record<NumberField, NumberRange> = {
  animationLength: {
    label: "Duration (s)",
    description: "Seconds for one pass of the camera's path.",
    tooltip: "animationLength: longer is slower; a camera pattern replaces it",
    step: 0.5,
    ...motion("animationLength"),
  },
  numberOfLoops: {
    label: "Extra loops",
    description: "How many more times the path plays.",
    tooltip: "numberOfLoops: 0 plays the path once",
    step: 1,
    integer: true,
    ...motion("numberOfLoops"),
  },
  amplitudeX: {
    label: "Sideways motion",
    description: "How far the camera moves left and right.",
    tooltip: "amplitudeX",
    step: 0.1,
    ...motion("amplitudeX"),
  },
  amplitudeY: {
    label: "Vertical motion",
    description: "How far the camera moves up and down.",
    tooltip: "amplitudeY",
    step: 0.1,
    ...motion("amplitudeY"),
  },
  amplitudeZ: {
    label: "Zoom motion",
    description: "How far the camera moves in and out.",
    tooltip: "amplitudeZ",
    step: 0.1,
    ...motion("amplitudeZ"),
  },
  phaseX: {
    label: "Sideways start",
    description: "Where the sideways motion starts, in cycles.",
    tooltip: "phaseX: 0 starts at the centre, 0.25 a quarter of the way round",
    step: 0.05,
    ...motion("phaseX"),
  },
  phaseY: {
    label: "Vertical start",
    description: "Where the vertical motion starts, in cycles.",
    tooltip: "phaseY: 0 starts at the centre, 0.25 a quarter of the way round",
    step: 0.05,
    ...motion("phaseY"),
  },
  phaseZ: {
    label: "Zoom start",
    description: "Where the zoom motion starts, in cycles.",
    tooltip: "phaseZ: 0 starts at the centre, 0.25 a quarter of the way round",
    step: 0.05,
    ...motion("phaseZ"),
  },
  gain: {
    label: "Depth strength",
    description: "How far near and far move apart.",
    tooltip: "gain: multiplies the parallax of every depth; when empty, estimated from the depth map",
    step: 0.1,
    ...PARAM_RANGES.gain,
    auto: ESTIMATED,
  },
  convergence: {
    label: "Pivot depth",
    description: "The depth that does not move.",
    tooltip: "convergence: -1 is the farthest depth, 1 the nearest; the rest moves around it",
    step: 0.05,
    ...PARAM_RANGES.convergence,
    auto: ESTIMATED,
  },
  outputWidth: {
    label: "Output width (px)",
    description: "Width of the frames made.",
    tooltip: "outputWidth: with only the height given, it follows the layer's shape",
    ...OUTPUT_SIDE,
  },
  outputHeight: {
    label: "Output height (px)",
    description: "Height of the frames made.",
    tooltip: "outputHeight: with only the width given, it follows the layer's shape",
    ...OUTPUT_SIDE,
  },
};

export const DILATION_RANGE: NumberRange = {
  label: "Edge dilation",
  description: "Widens near objects for cleaner edges.",
  tooltip: "dilation: without it, colours bleed between near and far along edges",
  step: 0.0005,
  ...published("dilation", DISPARITY_DEFAULTS),
};

/** The range as the line under a field says it: "0 to 10, default 1". */
export function rangeText(range: NumberRange): string {
  const whole = range.integer ? " (whole)" : "";
  const fallback =
    range.default !== undefined ? `, default ${range.default}` : range.auto ? `; empty: ${range.auto}` : "";
  return `${range.min} to ${range.max}${whole}${fallback}`;
}

/** What an empty field shows: the default it stands for. */
export const placeholderOf = (range: NumberRange): string =>
  range.default !== undefined ? String(range.default) : range.auto ? "Auto" : "";

export const BIT_DEPTH_DESCRIPTION = "16-bit keeps finer depth steps, in a larger file.";
export const FRAME_RATE_DESCRIPTION = "Frames per second; Auto picks one for the format.";
// Immersity does not publish what its Auto picks; the emulator and this computer's renderer use AUTO_FPS.
const { mp4, gif } = AUTO_FPS;
export const FRAME_RATE_TOOLTIP = `Immersity's outputFps; on this computer Auto is ${mp4} for MP4, ${gif} for GIF`;
export const MOTION_DESCRIPTION = "The camera's path; Advanced sets it exactly.";
export const MOTION_TOOLTIP = "Each preset sets the motion and start fields under Advanced";
export const PATTERN_DESCRIPTION = "x,y,z per frame; replaces duration, motion and start.";
