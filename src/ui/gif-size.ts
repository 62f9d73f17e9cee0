// GIFs go into Figma as images, so they must fit its 4096 px limit; videos have no such limit.
import type { AnimationOptions } from "../shared/api.js";
import { fitWithin } from "./image-resize.js";

/** The output size to ask for, given the options and the size of the image sent. */
export function gifOutputSize(
  options: AnimationOptions,
  input: { width: number; height: number },
): { outputWidth: number; outputHeight: number } {
  const width =
    options.outputWidth ??
    (options.outputHeight ? Math.round((input.width * options.outputHeight) / input.height) : input.width);
  const height = options.outputHeight ?? Math.round((input.height * width) / input.width);
  const fitted = fitWithin(width, height);
  return { outputWidth: fitted.width, outputHeight: fitted.height };
}
