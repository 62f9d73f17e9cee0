// Motion presets: named camera paths, each a setting of Immersity's amplitudes and phases. Along
// each axis the camera moves as amplitude · sin(2π (t / animationLength + phase)), so a phase of
// 0.25 puts an axis a quarter cycle ahead of another.
import type { AnimationOptions } from "../shared/api.js";

type PathFields = Required<Pick<AnimationOptions, "amplitudeX" | "amplitudeY" | "amplitudeZ" | "phaseX" | "phaseY" | "phaseZ">>;

export const MOTION_PRESETS = {
  /** Side to side: the classic parallax sway. */
  Horizontal: { amplitudeX: 1, amplitudeY: 0, amplitudeZ: 0, phaseX: 0, phaseY: 0, phaseZ: 0 },
  /** Up and down. */
  Vertical: { amplitudeX: 0, amplitudeY: 1, amplitudeZ: 0, phaseX: 0, phaseY: 0, phaseZ: 0 },
  /** A circle in the image plane: x and y a quarter cycle apart. */
  Circle: { amplitudeX: 1, amplitudeY: 1, amplitudeZ: 0, phaseX: 0, phaseY: 0.25, phaseZ: 0 },
  /** Towards the scene and back, gently. */
  Zoom: { amplitudeX: 0, amplitudeY: 0, amplitudeZ: 1, phaseX: 0, phaseY: 0, phaseZ: 0 },
  /** A deeper push in and out with a slight sway, like a camera on a dolly. */
  Dolly: { amplitudeX: 0.3, amplitudeY: 0, amplitudeZ: 2, phaseX: 0.25, phaseY: 0, phaseZ: 0 },
  /** Immersity's own default: x, y and z together, y and z a quarter cycle after x. */
  Perspective: { amplitudeX: 1, amplitudeY: 1, amplitudeZ: 1, phaseX: 0, phaseY: 0.25, phaseZ: 0.25 },
} as const satisfies Record<string, PathFields>;

export type MotionPreset = keyof typeof MOTION_PRESETS;
export const PRESET_NAMES = Object.keys(MOTION_PRESETS) as MotionPreset[];

/** The preset these options follow exactly, or null for a custom path (or a pattern). */
export function presetOf(options: AnimationOptions): MotionPreset | null {
  if (options.pattern) return null;
  return PRESET_NAMES.find((name) => Object.entries(MOTION_PRESETS[name]).every(([k, v]) => options[k as keyof PathFields] === v)) ?? null;
}
