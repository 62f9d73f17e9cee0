// Where a layer's export lands in a plane: Figma exports what a layer paints (its render bounds,
// shadows and blurs included), so the export is placed at those bounds in the frame's pixels.
import type { PixelBox, PlanePart } from "../../shared/planes.js";

/** Canvas units to plane pixels: the frame's top-left corner and the export scale. */
export interface PlaneSpace {
  origin: { x: number; y: number };
  scale: number;
  width: number;
  height: number;
}

export function toPixels(space: PlaneSpace, box: Rect): PixelBox {
  const { origin, scale } = space;
  return {
    left: Math.round((box.x - origin.x) * scale),
    top: Math.round((box.y - origin.y) * scale),
    right: Math.round((box.x + box.width - origin.x) * scale),
    bottom: Math.round((box.y + box.height - origin.y) * scale),
  };
}

export function intersectBoxes(a: PixelBox | null, b: PixelBox | null): PixelBox | null {
  if (!a || !b) return a ?? b;
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

/** A layer's export as a part; null when it paints nothing. */
export function exportedPart(node: SceneNode, space: PlaneSpace, clip: PixelBox | null): PlanePart | null {
  const bounds = "absoluteRenderBounds" in node ? node.absoluteRenderBounds : node.absoluteBoundingBox;
  if (!bounds || bounds.width <= 0 || bounds.height <= 0) return null;
  const box = toPixels(space, bounds);
  const mode = "blendMode" in node ? node.blendMode : "NORMAL";
  return {
    nodeId: node.id,
    colour: null,
    left: box.left,
    top: box.top,
    width: Math.max(1, Math.round(bounds.width * space.scale)),
    height: Math.max(1, Math.round(bounds.height * space.scale)),
    // The export has the layer's own opacity in it already.
    opacity: 1,
    blendMode: mode === "PASS_THROUGH" ? "NORMAL" : (mode as PlanePart["blendMode"]),
    clip,
  };
}

/** A flat colour over a box: an opened frame's own solid fill, which no export gives alone. */
export function colourPart(box: Rect, paint: SolidPaint, space: PlaneSpace, clip: PixelBox | null): PlanePart {
  const pixels = toPixels(space, box);
  return {
    nodeId: null,
    colour: { ...paint.color, a: paint.opacity ?? 1 },
    left: pixels.left,
    top: pixels.top,
    width: Math.max(1, pixels.right - pixels.left),
    height: Math.max(1, pixels.bottom - pixels.top),
    opacity: 1,
    blendMode: "NORMAL",
    clip,
  };
}
