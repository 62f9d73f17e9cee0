// What the backend would refuse in the options, as one sentence per field, so the field can say it
// and Generate stays off: nothing is sent that is bound to fail. Pure, so every range is tested.
import type { AnimationOptions, DisparityOptions } from "../shared/api.js";
import { OUTPUT_FPS, parsePattern } from "../shared/immersity.js";
import { DILATION_RANGE, RANGES, type NumberField, type NumberRange } from "./option-fields.js";

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
    problems.outputFps = `Frame rate must be Auto or one of ${OUTPUT_FPS.join(", ")}.`;
  }
  return problems;
}

export function disparityProblems(options: DisparityOptions): Problems {
  const problem = rangeProblem(options.dilation, DILATION_RANGE);
  return problem ? { dilation: problem } : {};
}

/** The first problem, said once beside Generate. */
export const firstProblem = (problems: Problems): string | null => Object.values(problems)[0] ?? null;
