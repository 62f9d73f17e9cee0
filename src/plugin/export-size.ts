// Export constraints: the long side becomes the target size (never above Figma's image limit).
import { FIGMA_MAX_IMAGE_SIDE } from "../shared/settings.js";

export interface ExportPlan {
  constraint: { type: "WIDTH" | "HEIGHT"; value: number };
  width: number;
  height: number;
}

export function exportPlan(width: number, height: number, targetSize: number): ExportPlan {
  const longSide = Math.min(Math.max(1, Math.round(targetSize)), FIGMA_MAX_IMAGE_SIDE);
  const byWidth = width >= height;
  const scale = longSide / (byWidth ? width : height);
  return {
    constraint: { type: byWidth ? "WIDTH" : "HEIGHT", value: longSide },
    width: byWidth ? longSide : Math.max(1, Math.round(width * scale)),
    height: byWidth ? Math.max(1, Math.round(height * scale)) : longSide,
  };
}

export const THUMBNAIL_SIDE = 128;
/** A placed depth map's picture in a row: 40 px shown, twice that for sharp screens. */
export const DEPTH_THUMBNAIL_SIDE = 80;
