/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// The smallest rectangle holding all the given ones, or null for none.
export function unionOf(boxes: readonly Rect[]): Rect | null {
  if (boxes.length === 0) return null;
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

// The corners of a box rotated by `degrees` counter-clockwise about its top-left corner (y points
// down, so a point along the top edge moves up): top-left, top-right, bottom-right, bottom-left.
export function corners(box: Rect, degrees: number): Point[] {
  const angle = (degrees * Math.PI) / 180;
  // Rounded so that quarter turns give whole coordinates, as they do in Figma.
  const cos = Math.round(Math.cos(angle) * 1e12) / 1e12;
  const sin = Math.round(Math.sin(angle) * 1e12) / 1e12;
  const at = (u: number, v: number) => ({ x: box.x + u * cos + v * sin, y: box.y - u * sin + v * cos });
  return [at(0, 0), at(box.width, 0), at(box.width, box.height), at(0, box.height)];
}

export function boundsOf(points: readonly Point[]): Rect {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

// How far a layer's drop shadows and layer blurs reach past what it paints. Inner shadows stay
// inside, and a background blur changes what is behind the layer, not its own bounds.
export function effectBounds(box: Rect, effects: readonly Effect[]): Rect {
  const reach: Rect[] = [box];
  for (const effect of effects) {
    if (!effect.visible) continue;
    if (effect.type === "DROP_SHADOW") {
      const grow = (effect.spread ?? 0) + effect.radius;
      reach.push({
        x: box.x + effect.offset.x - grow,
        y: box.y + effect.offset.y - grow,
        width: box.width + 2 * grow,
        height: box.height + 2 * grow,
      });
    } else if (effect.type === "LAYER_BLUR") {
      reach.push({
        x: box.x - effect.radius,
        y: box.y - effect.radius,
        width: box.width + 2 * effect.radius,
        height: box.height + 2 * effect.radius,
      });
    }
  }
  return unionOf(reach)!;
}
