// Turns input image bytes into a synthetic disparity PNG: decoded with sharp, depth from
// synthesizeDisparity, written as 8- or 16-bit grayscale with a text chunk saying it is synthetic.
import { encode } from "fast-png";
import type { DisparityParams } from "../shared/immersity.js";
import { decodeRgb } from "./decode-input.js";
import { synthesizeDisparity } from "./depth.js";

export const SYNTHETIC_NOTE = "Synthetic disparity from the Depthframe Immersity emulator; not a real depth estimate.";

export async function renderDisparity(
  input: Uint8Array,
  options: Required<Pick<DisparityParams, "dilation" | "inputType" | "outputBitDepth">>,
): Promise<Uint8Array> {
  const image = await decodeRgb(input);
  const depth = synthesizeDisparity(image, { dilation: options.dilation, inputType: options.inputType });
  const sixteen = options.outputBitDepth === "uint16";
  const max = sixteen ? 65535 : 255;
  const data = sixteen ? new Uint16Array(depth.length) : new Uint8Array(depth.length);
  for (let i = 0; i < depth.length; i++) data[i] = Math.round(depth[i]! * max);
  return encode({ width: image.width, height: image.height, data, depth: sixteen ? 16 : 8, channels: 1, text: { Comment: SYNTHETIC_NOTE } });
}
