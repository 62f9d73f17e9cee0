/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// A deliberately simple rasteriser for exportAsync: each visible node's box is painted with the
// average colour of each visible fill (solid colour, mean of gradient stops, average pixel of an
// image), children over parents in layer order, clipped by frames that clip their content. It is
// no likeness of Figma's renderer, but frames with different content give different pixels, and the
// output is a real PNG of the requested size.
import { encode } from "fast-png";
import { hashColour, type Colour, type MediaStore } from "./media-store.js";
import type { FakeLayer, FakeSceneNode } from "./nodes.js";

// Text is drawn as a box of its colour at this coverage: glyphs cover part of their box.
const TEXT_COVERAGE = 0.5;

interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

function intersect(a: PixelRect, b: PixelRect): PixelRect {
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

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

class Raster {
  readonly data: Uint8Array;
  readonly #scaleX: number;
  readonly #scaleY: number;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly area: Rect,
    private readonly media: MediaStore,
  ) {
    this.data = new Uint8Array(width * height * 4);
    this.#scaleX = width / Math.max(area.width, 1e-9);
    this.#scaleY = height / Math.max(area.height, 1e-9);
  }

  get whole(): PixelRect {
    return { left: 0, top: 0, right: this.width, bottom: this.height };
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

  // Source-over compositing with straight alpha.
  fill(rect: PixelRect, colour: Colour): void {
    const alpha = Math.min(1, Math.max(0, colour.a));
    if (alpha === 0) return;
    const source = [colour.r * 255, colour.g * 255, colour.b * 255];
    const opaque = Uint8Array.of(...source.map(Math.round), 255);
    for (let y = Math.max(0, rect.top); y < Math.min(this.height, rect.bottom); y++) {
      for (let x = Math.max(0, rect.left); x < Math.min(this.width, rect.right); x++) {
        const at = (y * this.width + x) * 4;
        if (alpha === 1) {
          this.data.set(opaque, at);
          continue;
        }
        const below = this.data[at + 3]! / 255;
        const out = alpha + below * (1 - alpha);
        for (let c = 0; c < 3; c++)
          this.data[at + c] = Math.round((source[c]! * alpha + this.data[at + c]! * below * (1 - alpha)) / out);
        this.data[at + 3] = Math.round(out * 255);
      }
    }
  }

  // Every concrete scene node is one of the FakeLayer classes, whose property groups tell it apart.
  draw(sceneNode: FakeSceneNode, clip: PixelRect, parentOpacity: number): void {
    const node = sceneNode as FakeLayer;
    if (!node.visible) return;
    const opacity = parentOpacity * ("opacity" in node ? node.opacity : 1);
    const rect = this.pixels(node.absoluteBoundingBox);
    if ("fills" in node) {
      const coverage = node.type === "TEXT" ? TEXT_COVERAGE : 1;
      for (const paint of node.fills) {
        const colour = paintColour(paint, this.media);
        if (colour) this.fill(intersect(rect, clip), { ...colour, a: colour.a * opacity * coverage });
      }
    }
    if ("children" in node) {
      const inner = "clipsContent" in node && node.clipsContent ? intersect(clip, rect) : clip;
      for (const child of node.children) this.draw(child, inner, opacity);
    }
  }
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
  for (const layer of layers) raster.draw(layer, raster.whole, 1);
  return encode({ width, height, data: raster.data, channels: 4, depth: 8 });
}
