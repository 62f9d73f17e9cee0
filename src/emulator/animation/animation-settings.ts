// Everything a request decides about its animation once the input's size is known.
import { ANIMATION_DEFAULTS, type AnimationParams } from "../../shared/immersity.js";
import type { Crop, Size } from "../decode-input.js";
import { cameraPath, type CameraPosition } from "./camera-path.js";
import { centreCrop, outputSize } from "./output-size.js";

/**
 * outputFps "auto": 30 for MP4, the usual video rate; 15 for GIF, which stores every frame whole and
 * counts delays in hundredths of a second, so 15 frames a second halves the file for little loss.
 */
export const AUTO_FPS = { mp4: 30, gif: 15 } as const;

export interface AnimationSettings {
  format: "mp4" | "gif";
  fps: number;
  size: Size;
  /** The part of the input the frames show. */
  crop: Crop;
  path: CameraPosition[];
}

export function animationSettings(params: AnimationParams, input: Size): AnimationSettings {
  const format = params.animationType ?? ANIMATION_DEFAULTS.animationType;
  const fps = params.outputFps ?? AUTO_FPS[format];
  const size = outputSize(input, params, format);
  return { format, fps, size, crop: centreCrop(input, size), path: cameraPath(params, fps) };
}
