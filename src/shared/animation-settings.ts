// Everything a request decides about its animation once the input's size is known.
import { AUTO_FPS, cameraPath, type CameraPosition } from "./camera.js";
import { ANIMATION_DEFAULTS, type AnimationParams } from "./immersity.js";
import { centreCrop, outputSize, type Crop, type Size } from "./output-size.js";

export interface AnimationSettings {
  format: "mp4" | "gif";
  fps: number;
  size: Size;
  /** The part of the input the frames show. */
  crop: Crop;
  path: CameraPosition[];
}

/** From a request to Immersity or the plugin's options for a local render (only the frame fields are read). */
export function animationSettings(params: Partial<AnimationParams>, input: Size): AnimationSettings {
  const format = params.animationType ?? ANIMATION_DEFAULTS.animationType;
  const fps = params.outputFps ?? AUTO_FPS[format];
  const size = outputSize(input, params, format);
  return { format, fps, size, crop: centreCrop(input, size), path: cameraPath(params, fps) };
}
