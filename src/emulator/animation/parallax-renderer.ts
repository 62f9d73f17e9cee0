// Renders one view of a picture with a disparity map from a moved camera.
//
// Each depth moves by an amount proportional to gain · (disparity − still disparity): sideways against
// the camera's x and y, and by a zoom about the centre with its z. Per frame:
//   1. the disparity map is splatted forward to where each pixel lands, keeping the nearest: this is
//      the disparity seen from the new camera, occlusions included;
//   2. holes (parts the near pixels uncovered) take the nearest disparity around them, so what they
//      sample next lies beyond the near object's edge: background texture, not the edge smeared out;
//   3. every output pixel samples the picture backwards through its own disparity's motion, with
//      bilinear interpolation; samples beyond the border are mirrored back in rather than clamped,
//      which would smear the border row into streaks.
import { PARALLAX_UNIT, ZOOM_UNIT, type CameraPosition, type Parallax } from "../../shared/camera.js";

/** A picture and its disparity map (near = 65535), both `width` × `height`. */
export interface Scene {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel; alpha is ignored. */
  rgba: Uint8Array;
  disparity: Uint16Array;
}

/** Disparity is quantised to this many levels (12 bits): finer than an 8-bit map, and small per-frame tables. */
const LEVELS = 4096;
const HOLE = -1;

/** A frame renderer for one scene; it keeps its buffers between frames. Writes RGBA into `out`, which it answers. */
export function parallaxRenderer(
  scene: Scene,
  parallax: Parallax,
): (camera: CameraPosition, out?: Uint8Array) => Uint8Array {
  const { width, height } = scene;
  const pixels = width * height;
  if (scene.rgba.length !== pixels * 4 || scene.disparity.length !== pixels)
    throw new RangeError(`scene buffers do not match ${width}x${height}`);
  const levels = new Uint16Array(pixels);
  for (let i = 0; i < pixels; i++) levels[i] = scene.disparity[i]! >> 4;
  const splatted = new Int16Array(pixels);
  const filled = new Int16Array(pixels);
  const tables: MotionTables = {
    scale: new Float64Array(LEVELS),
    forwardX: new Float64Array(LEVELS),
    forwardY: new Float64Array(LEVELS),
    inverse: new Float64Array(LEVELS),
    backwardX: new Float64Array(LEVELS),
    backwardY: new Float64Array(LEVELS),
  };
  const unit = PARALLAX_UNIT * Math.max(width, height);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;

  return (camera, out = new Uint8Array(pixels * 4)) => {
    if (out.length !== pixels * 4) throw new RangeError(`out must be ${pixels * 4} bytes`);
    let motion = 0;
    for (let level = 0; level < LEVELS; level++) {
      const weight = parallax.gain * (level / (LEVELS - 1) - parallax.stillDisparity);
      const scale = Math.exp(ZOOM_UNIT * camera.z * weight);
      const dx = -weight * camera.x * unit;
      const dy = -weight * camera.y * unit;
      // A pixel p lands at c + (p − c) · scale + d, and output pixel p reads (p − c − d) / scale + c.
      tables.scale[level] = scale;
      tables.forwardX[level] = cx - cx * scale + dx;
      tables.forwardY[level] = cy - cy * scale + dy;
      tables.inverse[level] = 1 / scale;
      tables.backwardX[level] = cx - (cx + dx) / scale;
      tables.backwardY[level] = cy - (cy + dy) / scale;
      motion = Math.max(motion, Math.abs(dx) + Math.abs(dy) + Math.abs(scale - 1) * (cx + cy));
    }
    splatForward(levels, width, height, tables, splatted);
    // Two depths moving apart open a hole at most as wide as both motions together.
    fillHoles(splatted, width, height, Math.ceil(2 * motion) + 1, filled);
    sampleBackward(scene.rgba, width, height, filled, tables, out);
    return out;
  };
}

/** Per level, the affine maps from a picture pixel to where it lands, and back. */
interface MotionTables {
  scale: Float64Array;
  forwardX: Float64Array;
  forwardY: Float64Array;
  inverse: Float64Array;
  backwardX: Float64Array;
  backwardY: Float64Array;
}

/**
 * The nearest level landing on each output pixel, HOLE where none does. A magnified pixel covers every
 * output pixel whose centre its scaled square covers: landing on one pixel only, a magnified surface
 * would have one-pixel cracks, through which whatever lands behind it would show. A pixel that is not
 * magnified lands on the nearest one, which leaves no cracks as neighbours land at most 1 apart.
 */
function splatForward(levels: Uint16Array, width: number, height: number, t: MotionTables, out: Int16Array): void {
  out.fill(HOLE);
  const { scale, forwardX, forwardY } = t;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const level = levels[i]!;
      const s = scale[level]!;
      const tx = x * s + forwardX[level]!;
      const ty = y * s + forwardY[level]!;
      if (s <= 1) {
        const ox = Math.round(tx);
        const oy = Math.round(ty);
        if (ox < 0 || oy < 0 || ox >= width || oy >= height) continue;
        const j = oy * width + ox;
        if (level > out[j]!) out[j] = level;
        continue;
      }
      const half = s / 2;
      const x0 = Math.max(0, Math.ceil(tx - half));
      const x1 = Math.min(width - 1, Math.floor(tx + half));
      const y0 = Math.max(0, Math.ceil(ty - half));
      const y1 = Math.min(height - 1, Math.floor(ty + half));
      for (let oy = y0; oy <= y1; oy++) {
        for (let ox = x0, j = oy * width + x0; ox <= x1; ox++, j++) if (level > out[j]!) out[j] = level;
      }
    }
  }
}

/**
 * Each hole takes the largest (nearest) of the first levels found from it along the rows, columns and
 * diagonals. A hole opens beside a near object moving away, so that is the near object's level, whose
 * motion points the backward sample past the object's edge into the background it uncovered. (With
 * rows and columns only, the corner of a hole opened by a diagonal move sees no near pixel, and shows
 * a ghost of the near object.) Holes are a few percent of a frame, so they are searched from one by
 * one; along a row, a whole run of holes shares its two ends. No hole is wider than `reach`.
 */
function fillHoles(splatted: Int16Array, width: number, height: number, reach: number, out: Int16Array): void {
  out.set(splatted);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (splatted[row + x] !== HOLE) continue;
      let end = x + 1;
      while (end < width && splatted[row + end] === HOLE) end++;
      const ends = Math.max(x > 0 ? splatted[row + x - 1]! : HOLE, end < width ? splatted[row + end]! : HOLE);
      for (let hole = x; hole < end; hole++) {
        const up = Math.max(
          firstAlong(splatted, width, height, hole, y, 0, -1, reach),
          firstAlong(splatted, width, height, hole, y, -1, -1, reach),
          firstAlong(splatted, width, height, hole, y, 1, -1, reach),
        );
        const down = Math.max(
          firstAlong(splatted, width, height, hole, y, 0, 1, reach),
          firstAlong(splatted, width, height, hole, y, -1, 1, reach),
          firstAlong(splatted, width, height, hole, y, 1, 1, reach),
        );
        const level = Math.max(ends, up, down);
        // Only where nothing landed nearby is there none: show the farthest depth there.
        out[row + hole] = level === HOLE ? 0 : level;
      }
      x = end;
    }
  }
}

/** The first level that is not a hole from (x, y), stepping by (stepX, stepY) at most `reach` times. */
function firstAlong(
  splatted: Int16Array,
  width: number,
  height: number,
  x: number,
  y: number,
  stepX: number,
  stepY: number,
  reach: number,
): number {
  for (let k = 1; k <= reach; k++) {
    const px = x + k * stepX;
    const py = y + k * stepY;
    if (px < 0 || py < 0 || px >= width || py >= height) return HOLE;
    const level = splatted[py * width + px]!;
    if (level !== HOLE) return level;
  }
  return HOLE;
}

/** Each output pixel reads the picture where its level's motion came from, bilinearly. */
function sampleBackward(
  rgba: Uint8Array,
  width: number,
  height: number,
  levels: Int16Array,
  t: MotionTables,
  out: Uint8Array,
): void {
  const maxX = width - 1;
  const maxY = height - 1;
  const { inverse, backwardX, backwardY } = t;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const level = levels[i]!;
      const s = inverse[level]!;
      const sx = mirror(x * s + backwardX[level]!, maxX);
      const sy = mirror(y * s + backwardY[level]!, maxY);
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const a = (y0 * width + x0) * 4;
      const b = x0 < maxX ? a + 4 : a;
      const c = y0 < maxY ? a + width * 4 : a;
      const d = b + c - a;
      const o = i * 4;
      // Uint8Array stores truncate, so + 0.5 rounds.
      out[o] = rgba[a]! * w00 + rgba[b]! * w01 + rgba[c]! * w10 + rgba[d]! * w11 + 0.5;
      out[o + 1] = rgba[a + 1]! * w00 + rgba[b + 1]! * w01 + rgba[c + 1]! * w10 + rgba[d + 1]! * w11 + 0.5;
      out[o + 2] = rgba[a + 2]! * w00 + rgba[b + 2]! * w01 + rgba[c + 2]! * w10 + rgba[d + 2]! * w11 + 0.5;
      out[o + 3] = 255;
    }
  }
}

/** A coordinate reflected back into [0, max] at the borders (and clamped if it overshoots twice). */
function mirror(v: number, max: number): number {
  const reflected = v < 0 ? -v : v > max ? 2 * max - v : v;
  return reflected < 0 ? 0 : reflected > max ? max : reflected;
}
