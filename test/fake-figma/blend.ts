/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// Compositing for the fake's rasteriser, on premultiplied RGBA floats: source-over with the W3C
// separable blend modes (https://www.w3.org/TR/compositing-1/), and a box blur for shadows and
// layer blurs. Written apart from the plugin's own compositor so that a test comparing the two
// compares two implementations of the same standard.
import { notInFake } from "./errors.js";

export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export function intersect(a: PixelRect, b: PixelRect): PixelRect {
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

type Blend = (below: number, above: number) => number;

const hardLight: Blend = (b, s) => (s <= 0.5 ? b * 2 * s : b + (2 * s - 1) - b * (2 * s - 1));

const BLENDS: Partial<Record<BlendMode, Blend>> = {
  MULTIPLY: (b, s) => b * s,
  SCREEN: (b, s) => b + s - b * s,
  DARKEN: Math.min,
  LIGHTEN: Math.max,
  DIFFERENCE: (b, s) => Math.abs(b - s),
  EXCLUSION: (b, s) => b + s - 2 * b * s,
  LINEAR_BURN: (b, s) => Math.max(0, b + s - 1),
  LINEAR_DODGE: (b, s) => Math.min(1, b + s),
  HARD_LIGHT: hardLight,
  OVERLAY: (b, s) => hardLight(s, b),
};

/** A raster-sized surface of premultiplied RGBA in 0..1. */
export class Surface {
  readonly data: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 4);
  }

  /** Draws `source` over this surface inside `rect`, faded by `opacity` and `mask` (coverage per pixel). */
  composite(source: Surface, rect: PixelRect, opacity: number, mode: BlendMode, mask?: Float32Array): void {
    const blend = mode === "NORMAL" || mode === "PASS_THROUGH" ? null : BLENDS[mode];
    if (blend === undefined) throw notInFake(`drawing the ${mode} blend mode`);
    const to = this.data;
    const from = source.data;
    for (let y = Math.max(0, rect.top); y < Math.min(this.height, rect.bottom); y++) {
      for (let x = Math.max(0, rect.left); x < Math.min(this.width, rect.right); x++) {
        const p = y * this.width + x;
        const at = p * 4;
        const fade = opacity * (mask ? mask[p]! : 1);
        const sa = from[at + 3]! * fade;
        if (sa === 0) continue;
        const ba = to[at + 3]!;
        for (let c = 0; c < 3; c++) {
          const s = from[at + c]! * fade;
          const b = to[at + c]!;
          const mixed = blend && ba > 0 ? sa * ba * blend(b / ba, s / sa) : sa * ba * (s / sa);
          to[at + c] = (1 - ba) * s + (1 - sa) * b + mixed;
        }
        to[at + 3] = sa + ba - sa * ba;
      }
    }
  }

  /** Source-over of a flat colour (straight alpha) at a coverage per pixel. */
  fill(
    rect: PixelRect,
    colour: { r: number; g: number; b: number; a: number },
    covers: (x: number, y: number) => number,
  ) {
    const rgb = [colour.r, colour.g, colour.b];
    for (let y = Math.max(0, rect.top); y < Math.min(this.height, rect.bottom); y++) {
      for (let x = Math.max(0, rect.left); x < Math.min(this.width, rect.right); x++) {
        const a = colour.a * covers(x, y);
        if (a <= 0) continue;
        const at = (y * this.width + x) * 4;
        for (let c = 0; c < 3; c++) this.data[at + c] = rgb[c]! * a + this.data[at + c]! * (1 - a);
        this.data[at + 3] = a + this.data[at + 3]! * (1 - a);
      }
    }
  }

  /** A copy moved by whole pixels, tinted with `colour` where this surface has alpha: a shadow. */
  shadow(dx: number, dy: number, colour: { r: number; g: number; b: number; a: number }): Surface {
    const out = new Surface(this.width, this.height);
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const sx = x - dx;
        const sy = y - dy;
        if (sx < 0 || sy < 0 || sx >= this.width || sy >= this.height) continue;
        const a = this.data[(sy * this.width + sx) * 4 + 3]! * colour.a;
        const at = (y * this.width + x) * 4;
        out.data.set([colour.r * a, colour.g * a, colour.b * a, a], at);
      }
    }
    return out;
  }

  /** A box blur of half-width `radius` pixels across then down (edges count as transparent). */
  blur(radius: number): void {
    if (radius < 1) return;
    const pass = (count: number, lines: number, index: (line: number, i: number) => number) => {
      const line = new Float32Array(count * 4);
      for (let l = 0; l < lines; l++) {
        for (let i = 0; i < count; i++) line.set(this.data.subarray(index(l, i), index(l, i) + 4), i * 4);
        for (let i = 0; i < count; i++) {
          const sum = [0, 0, 0, 0];
          for (let k = Math.max(0, i - radius); k <= Math.min(count - 1, i + radius); k++)
            for (let c = 0; c < 4; c++) sum[c]! += line[k * 4 + c]!;
          this.data.set(
            sum.map((v) => v / (2 * radius + 1)),
            index(l, i),
          );
        }
      }
    };
    pass(this.width, this.height, (y, x) => (y * this.width + x) * 4);
    pass(this.height, this.width, (x, y) => (y * this.width + x) * 4);
  }

  /** Straight-alpha 8-bit RGBA, as a PNG holds it. */
  toRgba8(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4);
    for (let at = 0; at < out.length; at += 4) {
      const a = this.data[at + 3]!;
      if (a <= 0) continue;
      for (let c = 0; c < 3; c++) out[at + c] = Math.round(Math.min(1, this.data[at + c]! / a) * 255);
      out[at + 3] = Math.round(Math.min(1, a) * 255);
    }
    return out;
  }
}
