// Frames in, a file out: H.264 in MP4 (h264-mp4-encoder, minih264 compiled to WebAssembly) or GIF (gifenc).
import gifenc from "gifenc";
import h264 from "h264-mp4-encoder";
import type { Size } from "../decode-input.js";

export interface FrameEncoder {
  /** One RGBA frame of the encoder's size; alpha is ignored. */
  add(rgba: Uint8Array): void;
  finish(): Uint8Array;
}

export function createFrameEncoder(format: "mp4" | "gif", size: Size, fps: number): Promise<FrameEncoder> {
  return format === "mp4" ? mp4Encoder(size, fps) : Promise.resolve(gifEncoder(size, fps));
}

/** Sides must be even. Speed 10, the fastest: here nearly 4 times faster than the default 0, for a file of about the same size. */
async function mp4Encoder(size: Size, fps: number): Promise<FrameEncoder> {
  const encoder = await h264.createH264MP4Encoder();
  encoder.width = size.width;
  encoder.height = size.height;
  encoder.frameRate = fps;
  encoder.speed = 10;
  // Its file system is shared by every encoder of the thread, so each output gets a name of its own.
  encoder.outputFilename = `${crypto.randomUUID()}.mp4`;
  encoder.initialize();
  return {
    add: (rgba) => encoder.addFrameRgba(rgba),
    finish() {
      encoder.finalize();
      const bytes = encoder.FS.readFile(encoder.outputFilename);
      encoder.FS.unlink(encoder.outputFilename);
      encoder.delete();
      return bytes;
    },
  };
}

/**
 * One palette for the whole animation, quantised from the first frame: the frames are the same
 * picture seen from nearby, so it fits them all, and colours do not flicker from frame to frame.
 * GIF delays are whole hundredths of a second, so each frame's delay is rounded such that the total
 * stays exact (15 fps: 7, 6, 7, 7, 6, 7 … hundredths). No loop extension: the GIF plays once, like the
 * MP4, with numberOfLoops repeats already in its frames.
 */
function gifEncoder(size: Size, fps: number): FrameEncoder {
  const gif = gifenc.GIFEncoder({ initialCapacity: size.width * size.height });
  let palette: number[][] | null = null;
  let frame = 0;
  return {
    add(rgba) {
      const first = palette === null;
      palette ??= gifenc.quantize(rgba, 256);
      const hundredths = Math.round(((frame + 1) * 100) / fps) - Math.round((frame * 100) / fps);
      // Only the first frame carries the palette: it becomes the global one, and later frames reuse it.
      gif.writeFrame(gifenc.applyPalette(rgba, palette), size.width, size.height, { ...(first ? { palette } : {}), delay: hundredths * 10, repeat: -1 });
      frame++;
    },
    finish() {
      gif.finish();
      return gif.bytes();
    },
  };
}
