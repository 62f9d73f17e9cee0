// Default depths for a frame's planes: bottom far, top near, evenly spread; a full-bleed bottom
// layer is the background (farthest); text and icons sit slightly in front of the plane they are
// on rather than taking a step of their own. A depth the designer stored replaces the default.
import type { PixelBox, PlaneRole } from "./planes.js";

export interface PlaneDepthCue {
  role: PlaneRole;
  bounds: PixelBox;
  storedDepth: number | null;
}

/** How far in front of its container text or an icon sits (0..1 depth). */
export const LABEL_LIFT = 0.06;

const inside = (inner: PixelBox, outer: PixelBox) =>
  inner.left >= outer.left && inner.top >= outer.top && inner.right <= outer.right && inner.bottom <= outer.bottom;

/** Depths 0 (far) .. 1 (near) for planes given bottom to top. */
export function defaultPlaneDepths(planes: readonly PlaneDepthCue[]): number[] {
  // Text and icons lying inside a plane below them ride on it; every other plane takes a step.
  const hostOf = planes.map((plane, index) => {
    if (plane.role !== "text" && plane.role !== "icon") return -1;
    for (let below = index - 1; below >= 0; below--) {
      const host = planes[below]!;
      if (host.role !== "text" && host.role !== "icon" && inside(plane.bounds, host.bounds)) return below;
    }
    return -1;
  });
  const steps = planes.map((_, index) => index).filter((index) => hostOf[index] === -1);
  const depths = new Array<number>(planes.length).fill(0);
  steps.forEach((planeIndex, step) => {
    const even = steps.length > 1 ? step / (steps.length - 1) : 0.5;
    depths[planeIndex] = planes[planeIndex]!.role === "background" && step === 0 ? 0 : even;
  });
  planes.forEach((plane, index) => {
    if (plane.storedDepth !== null && hostOf[index] === -1) depths[index] = plane.storedDepth;
  });
  planes.forEach((plane, index) => {
    const host = hostOf[index]!;
    if (host >= 0) depths[index] = plane.storedDepth ?? Math.min(1, depths[host]! + LABEL_LIFT);
  });
  return depths;
}
