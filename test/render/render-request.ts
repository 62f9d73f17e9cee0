// What the depth renderer test sends its Chromium page: plain data, so the Node side needs no DOM types.
export interface RenderRequest {
  width: number;
  height: number;
  /** RGBA, width × height × 4. */
  rgba: number[];
  /** As 16-bit DepthPixels, or as an 8-bit grey canvas (the high byte of each value). */
  depth: { as: "pixels" | "canvas"; width: number; height: number; values: number[] };
  /** Renders with the disocclusion overlay on. */
  overlay?: boolean;
  views: Array<{ x: number; y: number; z: number; gain?: number; convergence?: number }>;
}
