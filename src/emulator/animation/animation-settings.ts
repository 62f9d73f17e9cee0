// Everything a request decides about its animation once the input's size is known.
import { ANIMATION_DEFAULTS, type AnimationParams } from "../../shared/immersity.js";
import type { Crop, Size } from "../decode-input.js";
import { AUTO_FPS, cameraPath, type CameraPosition } from "../../shared/camera.js";
import { centreCrop, outputSize } from "./output-size.js";

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
