// Composites one plane from its layers' exports, in the plane's pixels: source-over with the
// separable W3C blend modes (https://www.w3.org/TR/compositing-1/), layer opacity, clipping, and a
// mask cutting the layers above it. Pure, on premultiplied floats, so that the sum of many parts is
// rounded once; the UI feeds it decoded PNGs and the tests feed it the same.
import type { MaskedGroup, PixelBox, PlaneBlendMode, PlaneItem, PlanePart } from "./planes.js";

/** Straight-alpha RGBA, 8 bits a channel (a decoded PNG, an ImageData). */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

type Blend = (below: number, above: number) => number;
const hardLight: Blend = (b, s) => (s <= 0.5 ? 2 * b * s : 1 - 2 * (1 - b) * (1 - s));
const BLEND: Record<Exclude<PlaneBlendMode, "NORMAL">, Blend> = {
  MULTIPLY: (b, s) => b * s,
  SCREEN: (b, s) => 1 - (1 - b) * (1 - s),
  DARKEN: (b, s) => (b < s ? b : s),
  LIGHTEN: (b, s) => (b > s ? b : s),
  DIFFERENCE: (b, s) => (b > s ? b - s : s - b),
  EXCLUSION: (b, s) => b + s - 2 * b * s,
  LINEAR_BURN: (b, s) => Math.max(0, b + s - 1),
  LINEAR_DODGE: (b, s) => Math.min(1, b + s),
  HARD_LIGHT: hardLight,
  OVERLAY: (b, s) => hardLight(s, b),
};

/** Where a part lands, cut by its clip and the plane's edges. */
function areaOf(part: PlanePart, width: number, height: number): PixelBox {
  const clip = part.clip ?? { left: 0, top: 0, right: width, bottom: height };
  return {
    left: Math.max(0, part.left, clip.left),
    top: Math.max(0, part.top, clip.top),
    right: Math.min(width, part.left + part.width, clip.right),
    bottom: Math.min(height, part.top + part.height, clip.bottom),
  };
}

/** A plane that is one opaque-blended export as it is: its pixels copied into place, what is fully
 *  transparent cleared, as the general path gives it (most planes are just this). */
function copied(width: number, height: number, part: PlanePart, pixels: Rgba): Rgba {
  const out = new Uint8ClampedArray(width * height * 4);
  const box = areaOf(part, width, height);
  const right = Math.min(box.right, part.left + pixels.width);
  const bottom = Math.min(box.bottom, part.top + pixels.height);
  if (right <= box.left) return { width, height, data: out };
  for (let y = box.top; y < bottom; y++) {
    const from = ((y - part.top) * pixels.width + box.left - part.left) * 4;
    const to = (y * width + box.left) * 4;
    out.set(pixels.data.subarray(from, from + (right - box.left) * 4), to);
    for (let at = to; at < to + (right - box.left) * 4; at += 4) {
      if (out[at + 3] === 0) out[at] = out[at + 1] = out[at + 2] = 0;
    }
  }
  return { width, height, data: out };
}

class Canvas {
  readonly px: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = new Float32Array(width * height * 4);
  }

  /** Draws a part over the canvas; `pixels` is its export, or null for a part that is a flat colour. */
  draw(part: PlanePart, pixels: Rgba | null, mask?: Float32Array): void {
    const blend = part.blendMode === "NORMAL" ? null : BLEND[part.blendMode];
    const box = areaOf(part, this.width, this.height);
    const colour = part.colour;
    for (let y = box.top; y < box.bottom; y++) {
      for (let x = box.left; x < box.right; x++) {
        const p = y * this.width + x;
        let sr: number, sg: number, sb: number, sa: number;
        if (pixels) {
          const sx = x - part.left;
          const sy = y - part.top;
          if (sx >= pixels.width || sy >= pixels.height) continue;
          const at = (sy * pixels.width + sx) * 4;
          sa = pixels.data[at + 3]! / 255;
          [sr, sg, sb] = [pixels.data[at]! / 255, pixels.data[at + 1]! / 255, pixels.data[at + 2]! / 255];
        } else {
          [sr, sg, sb, sa] = [colour!.r, colour!.g, colour!.b, colour!.a];
        }
        sa *= part.opacity * (mask ? mask[p]! : 1);
        if (sa <= 0) continue;
        const at = p * 4;
        const ba = this.px[at + 3]!;
        const source = [sr, sg, sb];
        for (let c = 0; c < 3; c++) {
          const below = this.px[at + c]!;
          const straightBelow = ba > 0 ? below / ba : 0;
          // The general formula: the part's colour where nothing is below, the blend where both are.
          const mixed = blend ? (1 - ba) * source[c]! + ba * blend(straightBelow, source[c]!) : source[c]!;
          this.px[at + c] = sa * mixed + (1 - sa) * below;
        }
        this.px[at + 3] = sa + ba * (1 - sa);
      }
    }
  }

  /** Each pixel's coverage as a mask: alpha, or luminance (weighted by alpha) for LUMINANCE. */
  coverage(type: MaskedGroup["maskType"]): Float32Array {
    const out = new Float32Array(this.width * this.height);
    for (let p = 0; p < out.length; p++) {
      const at = p * 4;
      out[p] =
        type === "LUMINANCE"
          ? 0.2126 * this.px[at]! + 0.7152 * this.px[at + 1]! + 0.0722 * this.px[at + 2]!
          : this.px[at + 3]!;
    }
    return out;
  }

  /** This canvas over another through a mask (used for a masked group). */
  drawOnto(target: Canvas, mask: Float32Array): void {
    for (let p = 0; p < mask.length; p++) {
      const at = p * 4;
      const m = mask[p]!;
      const sa = this.px[at + 3]! * m;
      if (sa <= 0) continue;
      for (let c = 0; c < 3; c++) target.px[at + c] = this.px[at + c]! * m + target.px[at + c]! * (1 - sa);
      target.px[at + 3] = sa + target.px[at + 3]! * (1 - sa);
    }
  }

  toRgba(): Uint8ClampedArray {
    const out = new Uint8ClampedArray(this.width * this.height * 4);
    for (let at = 0; at < out.length; at += 4) {
      const a = this.px[at + 3]!;
      if (a <= 0) continue;
      for (let c = 0; c < 3; c++) out[at + c] = Math.round((this.px[at + c]! / a) * 255);
      out[at + 3] = Math.round(a * 255);
    }
    return out;
  }
}

/** The plane as straight RGBA. `pixelsOf` gives each layer's decoded export by node id. */
export function composePlane(
  width: number,
  height: number,
  items: readonly PlaneItem[],
  pixelsOf: (nodeId: string) => Rgba,
): Rgba {
  const only = items.length === 1 && items[0]!.kind === "part" ? items[0]!.part : null;
  if (only?.nodeId && only.blendMode === "NORMAL" && only.opacity === 1) {
    return copied(width, height, only, pixelsOf(only.nodeId));
  }
  const canvas = new Canvas(width, height);
  const pixels = (part: PlanePart) => (part.nodeId === null ? null : pixelsOf(part.nodeId));
  for (const item of items) {
    if (item.kind === "part") {
      canvas.draw(item.part, pixels(item.part));
      continue;
    }
    const { mask, maskType, parts } = item.group;
    const shape = new Canvas(width, height);
    shape.draw(mask, pixels(mask));
    const group = new Canvas(width, height);
    for (const part of parts) group.draw(part, pixels(part));
    group.drawOnto(canvas, shape.coverage(maskType));
  }
  return { width, height, data: canvas.toRgba() };
}
