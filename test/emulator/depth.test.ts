import { describe, it, expect } from "vitest";
import { synthesizeDisparity, type DepthOptions, type RgbImage } from "../../src/emulator/depth.js";

type Rgb = [number, number, number];

const FLAT: DepthOptions = { dilation: 0, inputType: "image2d" };
const BACKGROUND: Rgb = [30, 30, 35];

/** Small deterministic PRNG (mulberry32), so the "noisy" images are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paint(width: number, height: number, colourAt: (x: number, y: number) => Rgb): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      data.set(
        colourAt(x, y).map((v) => Math.max(0, Math.min(255, Math.round(v)))),
        (y * width + x) * 3,
      );
  }
  return { width, height, data };
}

/** Sky over grass with a red ball, all with sensor-like noise. */
function landscape(width: number, height: number): RgbImage {
  const noise = random(1);
  return paint(width, height, (x, y) => {
    const u = x / width;
    const v = y / height;
    const n = (noise() - 0.5) * 30;
    const ball = (u - 0.6) ** 2 * 2.2 + (v - 0.65) ** 2 < 0.02;
    const colour: Rgb = ball
      ? [210, 40, 30]
      : v < 0.45 + 0.05 * Math.sin(u * 9)
        ? [120 + 80 * v, 160 + 60 * v, 235]
        : [60 + 40 * v, 120 + 60 * v, 40];
    return [colour[0] + n, colour[1] + n, colour[2] + n];
  });
}

/** Pixels x0 <= x < x1, y0 <= y < y1. */
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Chessboard distance from a pixel to the rectangle's border pixels: > 0 outside, <= 0 inside. */
function distanceOutside(rect: Rect, x: number, y: number): number {
  return Math.max(rect.x0 - x, x - (rect.x1 - 1), rect.y0 - y, y - (rect.y1 - 1));
}

/** A saturated checkerboard square (a textured, salient object) on a flat dark background. */
function texturedSquare(width: number, height: number, square: Rect): RgbImage {
  return paint(width, height, (x, y) => {
    if (distanceOutside(square, x, y) > 0) return BACKGROUND;
    return ((x >> 2) + (y >> 2)) % 2 === 0 ? [250, 200, 30] : [230, 60, 40];
  });
}

function at(map: Float32Array, width: number, x: number, y: number): number {
  return map[y * width + x]!;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function standardDeviation(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Values of the pixels for which `keep` holds. */
function select(map: Float32Array, width: number, keep: (x: number, y: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < map.length; i++) if (keep(i % width, Math.floor(i / width))) out.push(map[i]!);
  return out;
}

/** Mean absolute difference between horizontally and vertically adjacent pixels. */
function meanNeighbourDifference(map: Float32Array, width: number, height: number): number {
  const differences: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x + 1 < width) differences.push(Math.abs(at(map, width, x + 1, y) - at(map, width, x, y)));
      if (y + 1 < height) differences.push(Math.abs(at(map, width, x, y + 1) - at(map, width, x, y)));
    }
  }
  return mean(differences);
}

function countAbove(map: Float32Array, threshold: number): number {
  return map.reduce((n, v) => (v > threshold ? n + 1 : n), 0);
}

/** Straightforward O(r²) max (or min) filter, clamped at the top/bottom and clamped or wrapped at the sides. */
function referenceMorphology(
  map: Float32Array,
  width: number,
  height: number,
  radius: number,
  pick: (a: number, b: number) => number,
  wrapX: boolean,
): Float32Array {
  const out = new Float32Array(map.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = at(map, width, x, y);
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const sx = wrapX ? (((x + dx) % width) + width) % width : Math.min(width - 1, Math.max(0, x + dx));
          const sy = Math.min(height - 1, Math.max(0, y + dy));
          best = pick(best, at(map, width, sx, sy));
        }
      }
      out[y * width + x] = best;
    }
  }
  return out;
}

describe("synthesizeDisparity", () => {
  it("returns one value in [0, 1] per pixel", () => {
    const image = landscape(97, 61);
    for (const options of [
      FLAT,
      { dilation: 0.01, inputType: "image2d" },
      { dilation: -0.01, inputType: "image360" },
    ] as const) {
      const map = synthesizeDisparity(image, options);
      expect(map).toBeInstanceOf(Float32Array);
      expect(map.length).toBe(97 * 61);
      expect(map.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    }
  });

  it("is deterministic and leaves the input untouched", () => {
    const image = landscape(120, 80);
    const copy = { ...image, data: image.data.slice() };
    const options: DepthOptions = { dilation: 0.0063, inputType: "image2d" };
    const first = synthesizeDisparity(image, options);
    expect(image.data).toEqual(copy.data);
    expect(synthesizeDisparity(copy, options)).toEqual(first);
  });

  it("uses the full range on a natural-looking image, nearer towards the bottom", () => {
    const map = synthesizeDisparity(landscape(160, 120), FLAT);
    const values = Array.from(map);
    expect(Math.min(...values)).toBeLessThan(0.05);
    expect(Math.max(...values)).toBeGreaterThan(0.95);
    expect(standardDeviation(values)).toBeGreaterThan(0.1);
    const topRows = select(map, 160, (_x, y) => y < 20);
    const bottomRows = select(map, 160, (_x, y) => y >= 100);
    expect(mean(bottomRows)).toBeGreaterThan(mean(topRows) + 0.2);
  });

  it("gives a uniform image a smooth gradient, near at the bottom", () => {
    const map = synthesizeDisparity(
      paint(40, 30, () => [128, 128, 128]),
      FLAT,
    );
    expect(mean(select(map, 40, (_x, y) => y === 29))).toBeGreaterThan(mean(select(map, 40, (_x, y) => y === 0)) + 0.5);
    expect(meanNeighbourDifference(map, 40, 30)).toBeLessThan(0.05);
  });

  it("follows object edges and is smooth inside them", () => {
    const square = { x0: 40, y0: 40, x1: 88, y1: 88 };
    const map = synthesizeDisparity(texturedSquare(128, 128, square), FLAT);
    const inside = select(map, 128, (x, y) => distanceOutside(square, x, y) <= -3);
    const ring = select(map, 128, (x, y) => distanceOutside(square, x, y) >= 2 && distanceOutside(square, x, y) <= 5);
    expect(mean(inside)).toBeGreaterThan(0.8);
    expect(mean(inside) - mean(ring)).toBeGreaterThan(0.4);
    // The checkerboard's strong texture must not show through.
    expect(standardDeviation(inside)).toBeLessThan(0.05);
    // The step sits at the border: two pixels either side of each edge are far apart.
    const row = 64;
    expect(at(map, 128, square.x0 + 1, row) - at(map, 128, square.x0 - 2, row)).toBeGreaterThan(0.3);
    expect(at(map, 128, square.x1 - 2, row) - at(map, 128, square.x1 + 1, row)).toBeGreaterThan(0.3);
  });

  it("keeps edges sharp when it works on a downscaled copy", () => {
    // 768 px wide is three times the working size, so the edges come from the full-size guide.
    const square = { x0: 300, y0: 150, x1: 500, y1: 350 };
    const map = synthesizeDisparity(texturedSquare(768, 512, square), FLAT);
    const row = 250;
    expect(at(map, 768, square.x0 + 1, row) - at(map, 768, square.x0 - 2, row)).toBeGreaterThan(0.3);
    expect(at(map, 768, square.x1 - 2, row) - at(map, 768, square.x1 + 1, row)).toBeGreaterThan(0.3);
    expect(standardDeviation(select(map, 768, (x, y) => distanceOutside(square, x, y) <= -10))).toBeLessThan(0.05);
  });

  it("is smooth, not noise, even for a noisy image", () => {
    const image = landscape(160, 120);
    const map = synthesizeDisparity(image, FLAT);
    const values = Array.from(map);
    const range = Math.max(...values) - Math.min(...values);
    expect(meanNeighbourDifference(map, 160, 120)).toBeLessThan(0.02 * range);
    // The input's luminance noise is far rougher than the output.
    const luma = new Float32Array(160 * 120).map(
      (_v, i) => (image.data[i * 3]! + image.data[i * 3 + 1]! + image.data[i * 3 + 2]!) / 765,
    );
    expect(meanNeighbourDifference(map, 160, 120)).toBeLessThan(meanNeighbourDifference(luma, 160, 120) / 2);
  });

  it("widens near regions for positive dilation and narrows them for negative", () => {
    const image = texturedSquare(200, 120, { x0: 60, y0: 30, x1: 140, y1: 90 });
    const plain = synthesizeDisparity(image, FLAT);
    const widened = synthesizeDisparity(image, { dilation: 0.01, inputType: "image2d" });
    const narrowed = synthesizeDisparity(image, { dilation: -0.01, inputType: "image2d" });
    expect(countAbove(widened, 0.5)).toBeGreaterThan(countAbove(plain, 0.5));
    expect(countAbove(narrowed, 0.5)).toBeLessThan(countAbove(plain, 0.5));
    expect(widened.every((v, i) => v >= plain[i]!)).toBe(true);
    expect(narrowed.every((v, i) => v <= plain[i]!)).toBe(true);
  });

  it("dilates by exactly round(|dilation| * width) pixels, with a square max or min filter", () => {
    const width = 600;
    const height = 40;
    const image = landscape(width, height);
    for (const inputType of ["image2d", "image360"] as const) {
      const plain = synthesizeDisparity(image, { dilation: 0, inputType });
      const radius = Math.round(0.0123 * width);
      const wrapX = inputType === "image360";
      expect(synthesizeDisparity(image, { dilation: 0.0123, inputType })).toEqual(
        referenceMorphology(plain, width, height, radius, Math.max, wrapX),
      );
      expect(synthesizeDisparity(image, { dilation: -0.0123, inputType })).toEqual(
        referenceMorphology(plain, width, height, radius, Math.min, wrapX),
      );
    }
  });

  it("wraps around the left/right seam of a 360 panorama", () => {
    const width = 200;
    const height = 100;
    // A near object touching the left edge only.
    const image = texturedSquare(width, height, { x0: 0, y0: 30, x1: 20, y1: 70 });
    const rows = (map: Float32Array, x: number) => select(map, width, (px, y) => px === x && y >= 35 && y < 65);
    const options = (inputType: DepthOptions["inputType"]): DepthOptions => ({ dilation: 0.01, inputType });
    const panorama = synthesizeDisparity(image, options("image360"));
    const flat = synthesizeDisparity(image, options("image2d"));
    const panoramaUndilated = synthesizeDisparity(image, { dilation: 0, inputType: "image360" });
    // Dilation reaches across the seam: the right edge takes the object's values from the left edge.
    expect(mean(rows(panorama, width - 1))).toBeGreaterThanOrEqual(mean(rows(panoramaUndilated, 0)));
    expect(mean(rows(panorama, width - 1))).toBeGreaterThan(mean(rows(flat, width - 1)) + 0.3);
  });

  it("is continuous across the seam of a seamless panorama", () => {
    const width = 240;
    const height = 80;
    const image = paint(width, height, (x, y) => {
      const wave = Math.sin((2 * Math.PI * x) / width);
      return y > height * (0.5 + 0.2 * wave) ? [80 + 100 * Math.max(0, wave), 140, 50] : [130, 170, 230];
    });
    const map = synthesizeDisparity(image, { dilation: 0, inputType: "image360" });
    const seam = mean(select(map, width, (x) => x === 0).map((v, y) => Math.abs(v - at(map, width, width - 1, y))));
    expect(seam).toBeLessThan(3 * meanNeighbourDifference(map, width, height));
  });

  it("handles degenerate sizes", () => {
    for (const [width, height] of [
      [1, 1],
      [1, 50],
      [50, 1],
      [2, 2],
      [3, 700],
      [500, 2],
    ] as const) {
      const image = landscape(width, height);
      for (const options of [
        FLAT,
        { dilation: 0.01, inputType: "image360" },
        { dilation: -0.01, inputType: "image2d" },
      ] as const) {
        const map = synthesizeDisparity(image, options);
        expect(map.length).toBe(width * height);
        expect(map.every((v) => v >= 0 && v <= 1)).toBe(true);
      }
    }
  });

  it("rejects a bad size, mismatched pixel data or a non-finite dilation", () => {
    expect(() => synthesizeDisparity({ width: 4, height: 4, data: new Uint8Array(47) }, FLAT)).toThrow(RangeError);
    expect(() => synthesizeDisparity({ width: 0, height: 4, data: new Uint8Array(0) }, FLAT)).toThrow(RangeError);
    expect(() => synthesizeDisparity(landscape(4, 4), { dilation: NaN, inputType: "image2d" })).toThrow(RangeError);
  });
});
