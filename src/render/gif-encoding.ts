// Frames to a GIF in the browser: each frame read back from the canvas and handed to the same
// encoder the emulator uses (src/shared/gif-encoder.ts).
import { createGifEncoder } from "../shared/gif-encoder.js";
import { yieldToPage, type EncodeControl, type EncodedAnimation, type FrameSequence } from "./frame-sequence.js";

export async function encodeGif(
  sequence: FrameSequence,
  { progress, signal }: EncodeControl = {},
): Promise<EncodedAnimation> {
  signal?.throwIfAborted();
  const { width, height } = sequence.canvas;
  const encoder = createGifEncoder({ width, height }, sequence.fps);
  // A WebGL canvas is read through a 2D copy made right after drawing, before it is presented.
  const copy = new OffscreenCanvas(width, height).getContext("2d", { willReadFrequently: true });
  if (!copy) throw new Error("This browser cannot read frames back for a GIF.");
  for (let i = 0; i < sequence.frameCount; i++) {
    signal?.throwIfAborted();
    sequence.drawFrame(i);
    copy.clearRect(0, 0, width, height);
    copy.drawImage(sequence.canvas, 0, 0);
    const { data } = copy.getImageData(0, 0, width, height);
    encoder.add(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    progress?.(i + 1, sequence.frameCount);
    await yieldToPage();
  }
  signal?.throwIfAborted();
  return { bytes: encoder.finish(), contentType: "image/gif" };
}
