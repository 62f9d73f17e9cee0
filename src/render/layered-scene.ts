// A layered scene: a frame's planes back to front, each a picture of the whole frame (transparent
// where the plane has nothing) at its own depth, with optional relief inside the plane (a photo's
// disparity). What a near plane uncovers is the real plane behind it, never a stretched guess.
import type { DepthPixels } from "./depth-input.js";

export interface LayeredPlane {
  /** The plane in the frame's pixels, straight alpha. */
  image: TexImageSource;
  /** 0 far .. 1 near. */
  depth: number;
  /** Disparity inside the plane (near = 65535), at the plane's size. */
  relief?: DepthPixels;
  /** How much of the 0..1 depth range the relief spans, centred on `depth` (src/shared/layer-depth.ts). */
  reliefRange?: number;
}

export interface LayeredScene {
  width: number;
  height: number;
  /** Back to front. */
  planes: LayeredPlane[];
}

export function isLayeredScene(scene: object): scene is LayeredScene {
  return "planes" in scene && Array.isArray((scene as LayeredScene).planes);
}
