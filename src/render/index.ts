// src/render's public entry: the depth renderer the preview, the local export and the player share,
// and the local animation export built on it.
export { createDepthRenderer, type DepthPixels, type DepthRenderer, type DepthScene } from "./depth-renderer.js";
export { renderAnimation } from "./render-animation.js";
export { encodableVideo, type VideoChoice } from "./video-encoding.js";
export type { LayeredPlane, LayeredScene } from "./layered-scene.js";
