// The motion presets (defined with the camera model in src/shared/camera.ts) as the options UI
// names and recognises them.
import type { AnimationOptions } from "../shared/api.js";
import { MOTION_PRESETS, type MotionPreset, type PresetFields } from "../shared/camera.js";

export { MOTION_PRESETS, type MotionPreset };
export const PRESET_NAMES = Object.keys(MOTION_PRESETS) as MotionPreset[];

/** The preset these options follow exactly, or null for a custom path (or a pattern). */
export function presetOf(options: AnimationOptions): MotionPreset | null {
  if (options.pattern) return null;
  return (
    PRESET_NAMES.find((name) =>
      Object.entries(MOTION_PRESETS[name]).every(([k, v]) => options[k as keyof PresetFields] === v),
    ) ?? null
  );
}
