// Turns input image bytes into a synthetic disparity PNG: decoded with sharp, depth from
// synthesizeDisparity, written as 8- or 16-bit grayscale with a text chunk saying it is synthetic.
import { encode } from "fast-png";
import sharp from "sharp";
import type { DisparityParams } from "../shared/immersity.js";
import { synthesizeDisparity } from "./depth.js";

export const SYNTHETIC_NOTE = "Synthetic disparity from the Depthframe Immersity emulator; not a real depth estimate.";
const MAX_INPUT_PIXELS = 100_000_000;

export class UnreadableInput extends Error {}

export async function decodeRgb(bytes: Uint8Array) {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new UnreadableInput(`expected 3 channels, got ${info.channels}`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    if (error instanceof UnreadableInput) throw error;
    throw new UnreadableInput((error as Error).message);
  }
}

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
