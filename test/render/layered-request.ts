// What the layered renderer test sends its Chromium page: plain data, so the Node side needs no DOM types.
import type { AnimationOptions } from "../../src/shared/api.js";

export interface LayeredRequest {
  width: number;
  height: number;
  /** Back to front; RGBA of the whole frame each, straight alpha. */
  planes: Array<{ rgba: number[]; depth: number; relief?: number[]; reliefRange?: number }>;
  views: Array<{ x: number; y: number; z: number; gain?: number; convergence?: number }>;
}

export type LayeredAnimationRequest = Omit<LayeredRequest, "views"> & { options: AnimationOptions };
