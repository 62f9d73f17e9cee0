// What the backend would refuse in the options, as one sentence per field, so the field can say it
// and Generate stays off: nothing is sent that is bound to fail. Pure, so every range is tested.
import type { AnimationOptions, DisparityOptions } from "../shared/api.js";
import { OUTPUT_FPS, parsePattern } from "../shared/immersity.js";

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
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  /** What an empty field means. */
  blank?: string;
}

// Immersity's published ranges (src/shared/immersity.ts); the output size is capped at 8192 here.
export const RANGES: Record<NumberField, NumberRange> = {
  animationLength: { label: "Duration (s)", min: 1, max: 10, step: 0.5 },
  numberOfLoops: { label: "Extra loops", min: 0, max: 10, step: 1, integer: true },
  amplitudeX: { label: "Amplitude X", min: 0, max: 10, step: 0.1 },
  amplitudeY: { label: "Amplitude Y", min: 0, max: 10, step: 0.1 },
  amplitudeZ: { label: "Amplitude Z", min: 0, max: 10, step: 0.1 },
  phaseX: { label: "Phase X", min: 0, max: 7, step: 0.05 },
  phaseY: { label: "Phase Y", min: 0, max: 7, step: 0.05 },
  phaseZ: { label: "Phase Z", min: 0, max: 7, step: 0.05 },
  gain: { label: "Gain", min: 0, max: 10, step: 0.1, blank: "Auto" },
  convergence: { label: "Convergence", min: -1, max: 1, step: 0.05, blank: "Auto" },
  outputWidth: { label: "Width (px)", min: 1, max: 8192, step: 1, integer: true, blank: "Input's" },
  outputHeight: {
    label: "Height (px)",
    min: 1,
    max: 8192,
    step: 1,
    integer: true,
    blank: "Input's",
  },
};

export const DILATION_RANGE: NumberRange = {
  label: "Edge dilation",
  min: -0.01,
  max: 0.01,
  step: 0.0005,
};

export const PATTERN_SENTENCE = "Write the pattern as numbers in groups of three: x,y,z for each frame.";

export type Problems = Partial<Record<NumberField | "pattern" | "outputFps" | "dilation", string>>;

function rangeProblem(value: number | undefined, range: NumberRange): string | null {
  if (value === undefined) return null;
  const whole = range.integer ? "a whole number " : "";
  const fits = Number.isFinite(value) && value >= range.min && value <= range.max;
  if (fits && (!range.integer || Number.isInteger(value))) return null;
  return `${range.label.replace(/ \(.*\)$/, "")} must be ${whole}from ${range.min} to ${range.max}.`;
}

export function animationProblems(options: AnimationOptions): Problems {
  const problems: Problems = {};
  for (const field of Object.keys(RANGES) as NumberField[]) {
    const problem = rangeProblem(options[field], RANGES[field]);
    if (problem) problems[field] = problem;
  }
  if (options.pattern !== undefined && parsePattern(options.pattern) === null) {
    problems.pattern = PATTERN_SENTENCE;
  }
  const fps = options.outputFps;
  if (fps !== undefined && !(OUTPUT_FPS as readonly number[]).includes(fps)) {
    problems.outputFps = `Frames per second must be Auto or one of ${OUTPUT_FPS.join(", ")}.`;
  }
  return problems;
}

export function disparityProblems(options: DisparityOptions): Problems {
  const problem = rangeProblem(options.dilation, DILATION_RANGE);
  return problem ? { dilation: problem } : {};
}

/** The first problem, said once beside Generate. */
export const firstProblem = (problems: Problems): string | null => Object.values(problems)[0] ?? null;
