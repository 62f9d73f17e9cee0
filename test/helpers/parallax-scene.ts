// A scene whose parallax can be measured: a red square, near (disparity 1), over a far (disparity 0.2)
// blue and white checkerboard with a green bar in it. The centroids of the red and the green pixels
// tell how far the near and the far depths moved between two frames.
import sharp from "sharp";

export const SCENE_WIDTH = 160;
export const SCENE_HEIGHT = 120;
/** The near square and the far bar, as x0 <= x < x1, y0 <= y < y1. */
export const NEAR = { x0: 60, x1: 100, y0: 40, y1: 80 };
const FAR_BAR = { x0: 20, x1: 28, y0: 10, y1: 110 };
/** 8-bit disparity of the background: 51 / 255 = 0.2. */
const FAR_DISPARITY_8 = 51;

const inside = (r: typeof NEAR, x: number, y: number) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;

function paint(): { rgba: Uint8Array; grey: Uint8Array } {
  const rgba = new Uint8Array(SCENE_WIDTH * SCENE_HEIGHT * 4);
  const grey = new Uint8Array(SCENE_WIDTH * SCENE_HEIGHT);
  for (let y = 0; y < SCENE_HEIGHT; y++) {
    for (let x = 0; x < SCENE_WIDTH; x++) {
      const i = y * SCENE_WIDTH + x;
      const checker = ((x >> 3) + (y >> 3)) % 2 === 0 ? [40, 90, 200] : [230, 230, 240];
      const colour = inside(NEAR, x, y) ? [220, 30, 30] : inside(FAR_BAR, x, y) ? [30, 200, 40] : checker;
      rgba.set([...colour, 255], i * 4);
      grey[i] = inside(NEAR, x, y) ? 255 : FAR_DISPARITY_8;
    }
  }
  return { rgba, grey };
}

/** The scene as the renderer takes it: RGBA and 16-bit disparity. */
export function parallaxScene() {
  const { rgba, grey } = paint();
  return { width: SCENE_WIDTH, height: SCENE_HEIGHT, rgba, disparity: Uint16Array.from(grey, (v) => v * 257) };
}

/** A layered scene's planes as PNGs: the whole scene far, its red square alone (transparent elsewhere) near. */
export async function layerPngs() {
  const { rgba } = parallaxScene();
  const near = Uint8Array.from(rgba);
  for (let i = 0; i < near.length / 4; i++) {
    const x = i % SCENE_WIDTH;
    const y = Math.floor(i / SCENE_WIDTH);
    if (x < NEAR.x0 || x >= NEAR.x1 || y < NEAR.y0 || y >= NEAR.y1) near[i * 4 + 3] = 0;
  }
  const png = (data: Uint8Array, width = SCENE_WIDTH, height = SCENE_HEIGHT) =>
    sharp(data, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer();
  return { far: await png(rgba), near: await png(near), small: await png(near.subarray(0, 16 * 16 * 4), 16, 16) };
}

/** The scene as an API client sends it: an RGB PNG and an 8-bit grey disparity PNG. */
export async function parallaxScenePngs(): Promise<{ image: Buffer; disparity: Buffer }> {
  const { rgba, grey } = paint();
  const raw = (channels: 1 | 4) => ({ raw: { width: SCENE_WIDTH, height: SCENE_HEIGHT, channels } });
  return {
    image: await sharp(rgba, raw(4)).removeAlpha().png().toBuffer(),
    disparity: await sharp(grey, raw(1)).png().toBuffer(),
  };
}

export const isRed = (r: number, g: number, b: number) => r > 150 && g < 100 && b < 100;
export const isGreen = (r: number, g: number, b: number) => g > 150 && r < 100 && b < 100;

/** Mean position and number of the pixels of an RGBA frame that `matches`. */
export function centroid(rgba: Uint8Array, width: number, matches: (r: number, g: number, b: number) => boolean) {
  let x = 0;
  let y = 0;
  let count = 0;
  for (let i = 0; i < rgba.length / 4; i++) {
    if (!matches(rgba[i * 4]!, rgba[i * 4 + 1]!, rgba[i * 4 + 2]!)) continue;
    x += i % width;
    y += Math.floor(i / width);
    count++;
  }
  return { x: x / count, y: y / count, count };
}
