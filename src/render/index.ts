// src/render's public entry: the depth renderer the preview, the local export and the player share,
// and the local animation export built on it.
export { createDepthRenderer, type DepthPixels, type DepthRenderer, type DepthScene } from "./depth-renderer.js";
export { renderAnimation } from "./render-animation.js";
export { encodableVideo, type VideoChoice } from "./video-encoding.js";
export type { LayeredRenderer } from "./layered-renderer.js";
export { isLayeredScene, type LayeredPlane, type LayeredScene } from "./layered-scene.js";
