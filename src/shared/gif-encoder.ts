// GIF frames in, a GIF file out (gifenc), the same way for the emulator's renders and the plugin's
// free local ones, so both files play alike.
import gifenc from "gifenc";

export interface GifEncoder {
  /** One RGBA frame of the encoder's size; alpha is ignored. */
  add(rgba: Uint8Array): void;
  finish(): Uint8Array;
}

/** GIF's own limit on a side is 65535; browsers and Figma stop far earlier, so this is ours. */
export const MAX_GIF_SIDE = 4096;

/**
 * One palette for the whole animation, quantised from the first frame: the frames are the same
 * picture seen from nearby, so it fits them all, and colours do not flicker from frame to frame.
 * GIF delays are whole hundredths of a second, so each frame's delay is rounded such that the total
 * stays exact (15 fps: 7, 6, 7, 7, 6, 7 … hundredths). No loop extension: the GIF plays once, like the
 * MP4, with numberOfLoops repeats already in its frames.
 */
export function createGifEncoder(size: { width: number; height: number }, fps: number): GifEncoder {
  if (size.width > MAX_GIF_SIDE || size.height > MAX_GIF_SIDE) {
    throw new RangeError(`A GIF can be at most ${MAX_GIF_SIDE} px on a side.`);
  }
  const gif = gifenc.GIFEncoder({ initialCapacity: size.width * size.height });
  let palette: number[][] | null = null;
  let frame = 0;
  return {
    add(rgba) {
      const first = palette === null;
      palette ??= gifenc.quantize(rgba, 256);
      const hundredths = Math.round(((frame + 1) * 100) / fps) - Math.round((frame * 100) / fps);
      // Only the first frame carries the palette: it becomes the global one, and later frames reuse it.
      gif.writeFrame(gifenc.applyPalette(rgba, palette), size.width, size.height, {
        ...(first ? { palette } : {}),
        delay: hundredths * 10,
        repeat: -1,
      });
      frame++;
    },
    finish() {
      gif.finish();
      return gif.bytes();
    },
  };
}
