/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// A deliberately simple rasteriser for exportAsync: each visible node's box (rotated if it is) is
// painted with the average colour of each visible fill (solid colour, mean of gradient stops,
// average pixel of an image), children over parents in layer order, clipped by frames that clip
// their content. Like Figma it keeps each layer apart before compositing it with its opacity and
// blend mode, lets a mask cut the siblings above it, passes a pass-through container's children
// straight through to what is below, and draws drop shadows and layer blurs (as box blurs). It is no
// likeness of Figma's renderer, but layers with different content give different pixels, and the
// output is a real PNG of the requested size.
import { encode } from "fast-png";
import { intersect, Surface, type PixelRect } from "./blend.js";
import { notInFake } from "./errors.js";
import type { Point } from "./geometry.js";
import { hashColour, type Colour, type MediaStore } from "./media-store.js";
import type { FakeLayer, FakeSceneNode } from "./nodes.js";

// Text is drawn as a box of its colour at this coverage: glyphs cover part of their box.
const TEXT_COVERAGE = 0.5;

// The colour a paint adds to its node's box, or null if it adds nothing.
function paintColour(paint: Paint, media: MediaStore): Colour | null {
  if (paint.visible === false) return null;
  let colour: Colour | null = null;
  switch (paint.type) {
    case "SOLID":
      colour = { ...paint.color, a: 1 };
      break;
    case "IMAGE":
      colour = (paint.imageHash && media.getImageByHash(paint.imageHash)?.averageColour()) || null;
      break;
    case "VIDEO":
      colour = paint.videoHash ? hashColour(paint.videoHash) : null;
      break;
    case "GRADIENT_LINEAR":
    case "GRADIENT_RADIAL":
    case "GRADIENT_ANGULAR":
    case "GRADIENT_DIAMOND": {
      const stops = paint.gradientStops;
      const mean = (channel: "r" | "g" | "b" | "a") =>
        stops.reduce((sum, stop) => sum + stop.color[channel], 0) / stops.length;
      colour = stops.length > 0 ? { r: mean("r"), g: mean("g"), b: mean("b"), a: mean("a") } : null;
      break;
    }
  }
  return colour && { ...colour, a: colour.a * (paint.opacity ?? 1) };
}

// Inside the quadrilateral (convex, corners in order), tested at a pixel's centre.
function inside(quad: readonly Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = quad[i]!;
    const b = quad[(i + 1) % 4]!;
    const cross = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
    if (cross !== 0) {
      if (sign !== 0 && Math.sign(cross) !== sign) return false;
      sign = Math.sign(cross);
    }
  }
  return true;
}

const visibleEffects = (node: FakeLayer) => ("effects" in node ? node.effects.filter((e) => e.visible) : []);

class Raster {
  readonly #scaleX: number;
  readonly #scaleY: number;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly area: Rect,
    private readonly media: MediaStore,
  ) {
    this.#scaleX = width / Math.max(area.width, 1e-9);
    this.#scaleY = height / Math.max(area.height, 1e-9);
  }

  get whole(): PixelRect {
    return { left: 0, top: 0, right: this.width, bottom: this.height };
  }

  surface(): Surface {
    return new Surface(this.width, this.height);
  }

  // The pixels a canvas rectangle covers.
  pixels(box: Rect): PixelRect {
    return {
      left: Math.round((box.x - this.area.x) * this.#scaleX),
      top: Math.round((box.y - this.area.y) * this.#scaleY),
      right: Math.round((box.x + box.width - this.area.x) * this.#scaleX),
      bottom: Math.round((box.y + box.height - this.area.y) * this.#scaleY),
    };
  }

  // Every concrete scene node is one of the FakeLayer classes, whose property groups tell it apart.
  draw(target: Surface, sceneNode: FakeSceneNode, clip: PixelRect): void {
    const node = sceneNode as FakeLayer;
    if (!node.visible) return;
    const opacity = "opacity" in node ? node.opacity : 1;
    const mode = "blendMode" in node ? node.blendMode : "PASS_THROUGH";
    const passThrough =
      "children" in node && mode === "PASS_THROUGH" && opacity === 1 && visibleEffects(node).length === 0;
    if (passThrough) return this.#paint(target, node, clip);
    const alone = this.surface();
    this.#paint(alone, node, this.whole);
    this.#effects(alone, node);
    const reach = node.absoluteRenderBounds;
    if (reach) target.composite(alone, intersect(clip, this.pixels(reach)), opacity, mode);
  }

  // The node's fills, then its children inside its clip.
  #paint(target: Surface, node: FakeLayer, clip: PixelRect): void {
    const rect = this.pixels(node.absoluteBoundingBox);
    if ("fills" in node) {
      const coverage = node.type === "TEXT" ? TEXT_COVERAGE : 1;
      const covers = this.#coverage(node, coverage);
      for (const paint of node.fills) {
        const colour = paintColour(paint, this.media);
        if (colour) target.fill(intersect(rect, clip), colour, covers);
      }
    }
    if ("children" in node) {
      if (node.children.length > 0 && "rotation" in node && node.rotation !== 0)
        throw notInFake("drawing a rotated layer with children");
      const inner = "clipsContent" in node && node.clipsContent ? intersect(clip, rect) : clip;
      this.#children(target, node.children, inner);
    }
  }

  // A mask cuts every sibling above it, up to the next mask, by its alpha (or luminance).
  #children(target: Surface, children: readonly FakeSceneNode[], clip: PixelRect): void {
    let masked: { group: Surface; mask: Float32Array } | null = null;
    const flush = () => masked && target.composite(masked.group, clip, 1, "NORMAL", masked.mask);
    for (const child of children as readonly FakeLayer[]) {
      if (!child.visible) continue;
      if ("isMask" in child && child.isMask) {
        flush();
        const shape = this.surface();
        this.draw(shape, child, this.whole);
        masked = { group: this.surface(), mask: maskOf(shape, child.maskType) };
        continue;
      }
      this.draw(masked?.group ?? target, child, clip);
    }
    flush();
  }

  #coverage(node: FakeLayer, coverage: number): (x: number, y: number) => number {
    if (!("rotation" in node) || node.rotation === 0) return () => coverage;
    const quad = node.absoluteCorners().map((p) => ({
      x: (p.x - this.area.x) * this.#scaleX,
      y: (p.y - this.area.y) * this.#scaleY,
    }));
    return (x, y) => (inside(quad, x + 0.5, y + 0.5) ? coverage : 0);
  }

  #effects(alone: Surface, node: FakeLayer): void {
    for (const effect of visibleEffects(node)) {
      const radius = (effect: { radius: number }) => Math.round((effect.radius * this.#scaleX) / 2);
      if (effect.type === "DROP_SHADOW") {
        if (effect.spread) throw notInFake("drawing a shadow's spread");
        const shadow = alone.shadow(
          Math.round(effect.offset.x * this.#scaleX),
          Math.round(effect.offset.y * this.#scaleY),
          effect.color,
        );
        shadow.blur(radius(effect));
        // The shadow goes under the layer: the layer is drawn over it.
        shadow.composite(alone, this.whole, 1, "NORMAL");
        alone.data.set(shadow.data);
      } else if (effect.type === "LAYER_BLUR") {
        alone.blur(radius(effect));
      } else if (effect.type !== "INNER_SHADOW") {
        throw notInFake(`drawing a ${effect.type} effect`);
      }
    }
  }
}

function maskOf(shape: Surface, type: MaskType): Float32Array {
  const mask = new Float32Array(shape.width * shape.height);
  const d = shape.data;
  for (let p = 0; p < mask.length; p++) {
    const a = d[p * 4 + 3]!;
    // Luminance of the premultiplied colour is already weighted by alpha.
    mask[p] = type === "LUMINANCE" ? 0.2126 * d[p * 4]! + 0.7152 * d[p * 4 + 1]! + 0.0722 * d[p * 4 + 2]! : a;
  }
  return mask;
}

// Renders `layers` (in order, bottom first) as they appear inside `area` of the canvas.
export function renderPng(
  layers: readonly FakeSceneNode[],
  area: Rect,
  width: number,
  height: number,
  media: MediaStore,
): Uint8Array {
  const raster = new Raster(width, height, area, media);
  const target = raster.surface();
  for (const layer of layers) raster.draw(target, layer, raster.whole);
  return encode({ width, height, data: target.toRgba8(), channels: 4, depth: 8 });
}
