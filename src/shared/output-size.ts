// The size of an animation's frames and the part of the input they show: the emulator's rule, and
// the plugin's for its local renders, so both make frames of one size.

export interface Size {
  width: number;
  height: number;
}

/** A region of an image as fractions of its width and height, so it applies to a copy of another resolution. */
export interface Crop {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The largest frame side (larger requests to the emulator answer 400). Immersity publishes none; this keeps
 * a request within what a test machine renders in reasonable time, and it is Figma's largest image side.
 */
export const MAX_OUTPUT_SIDE = 4096;

export interface RequestedSize {
  outputWidth?: number | undefined;
  outputHeight?: number | undefined;
}

/**
 * Both sides given: that size. One given: the other follows the input's aspect, up to MAX_OUTPUT_SIDE
 * (beyond, the frames show a crop of the input). None: the input's size, scaled down to
 * MAX_OUTPUT_SIDE if larger. H.264 needs even sides, so an MP4 rounds each side down to an even
 * number (at least 2).
 */
export function outputSize(input: Size, requested: RequestedSize, format: "mp4" | "gif"): Size {
  const aspect = input.width / input.height;
  const { outputWidth: w, outputHeight: h } = requested;
  const fit = Math.min(1, MAX_OUTPUT_SIDE / Math.max(input.width, input.height));
  const width = w ?? (h === undefined ? input.width * fit : h * aspect);
  const height = h ?? (w === undefined ? input.height * fit : w / aspect);
  const side = (n: number) => {
    const rounded = Math.min(MAX_OUTPUT_SIDE, Math.max(1, Math.round(n)));
    return format === "mp4" ? Math.max(2, rounded - (rounded % 2)) : rounded;
  };
  return { width: side(width), height: side(height) };
}

/** The centred part of the input with the output's aspect, so a different aspect crops rather than stretches. */
export function centreCrop(input: Size, output: Size): Crop {
  const ratio = output.width / output.height / (input.width / input.height);
  const width = Math.min(1, ratio);
  const height = Math.min(1, 1 / ratio);
  return { left: (1 - width) / 2, top: (1 - height) / 2, width, height };
}
