// Turns input image bytes into a synthetic disparity PNG: decoded with sharp, depth from
// synthesizeDisparity, written as 8- or 16-bit grayscale with a text chunk saying it is synthetic.
import { encode } from "fast-png";
import type { DisparityParams } from "../shared/immersity.js";
import { decodeRgb, decodeSize, type Size } from "./decode-input.js";
import { synthesizeDisparity } from "./depth.js";

export const SYNTHETIC_NOTE = "Synthetic disparity from the Depthframe Immersity emulator; not a real depth estimate.";

type RenderOptions = Required<Pick<DisparityParams, "dilation" | "inputType" | "outputBitDepth">>;

export async function renderDisparity(input: Uint8Array, options: RenderOptions): Promise<Uint8Array> {
  const image = await decodeRgb(input);
  const depth = synthesizeDisparity(image, { dilation: options.dilation, inputType: options.inputType });
  return encodeDisparity(depth, image, options.outputBitDepth);
}

/**
 * A uniform map of the input's size, read from its header alone (EMULATOR_RESULTS=flat): under load,
 * rendering depth would measure the emulator rather than its client.
 */
export async function renderFlatDisparity(input: Uint8Array, options: RenderOptions): Promise<Uint8Array> {
  const size = await decodeSize(input);
  return encodeDisparity(new Float32Array(size.width * size.height).fill(0.5), size, options.outputBitDepth);
}

function encodeDisparity(depth: Float32Array, size: Size, bitDepth: RenderOptions["outputBitDepth"]): Uint8Array {
  const sixteen = bitDepth === "uint16";
  const max = sixteen ? 65535 : 255;
  const data = sixteen ? new Uint16Array(depth.length) : new Uint8Array(depth.length);
  for (let i = 0; i < depth.length; i++) data[i] = Math.round(depth[i]! * max);
  return encode({
    width: size.width,
    height: size.height,
    data,
    depth: sixteen ? 16 : 8,
    channels: 1,
    text: { Comment: SYNTHETIC_NOTE },
  });
}
