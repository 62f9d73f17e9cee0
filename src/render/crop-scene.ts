// The part of a scene an animation's frames show (src/shared/output-size.ts's centre crop), cut at
// the sources' own resolutions, as the emulator crops before it renders.
import type { Crop } from "../shared/output-size.js";
import { isDepthPixels, sourceSize, type DepthPixels } from "./depth-input.js";
import type { DepthScene } from "./depth-renderer.js";
import { isLayeredScene, type LayeredScene } from "./layered-scene.js";

const isWhole = (crop: Crop) => crop.left === 0 && crop.top === 0 && crop.width === 1 && crop.height === 1;

function region(size: { width: number; height: number }, crop: Crop) {
  const left = Math.round(crop.left * size.width);
  const top = Math.round(crop.top * size.height);
  const width = Math.max(1, Math.round(crop.width * size.width));
  const height = Math.max(1, Math.round(crop.height * size.height));
  return { left, top, width, height };
}

function cropSource(source: TexImageSource, crop: Crop): TexImageSource {
  const r = region(sourceSize(source), crop);
  const canvas = new OffscreenCanvas(r.width, r.height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot crop an image for the animation.");
  context.drawImage(source as CanvasImageSource, r.left, r.top, r.width, r.height, 0, 0, r.width, r.height);
  return canvas;
}

function cropPixels(depth: DepthPixels, crop: Crop): DepthPixels {
  const r = region(depth, crop);
  const data = new Uint16Array(r.width * r.height);
  for (let y = 0; y < r.height; y++) {
    const from = (r.top + y) * depth.width + r.left;
    data.set(depth.data.subarray(from, from + r.width), y * r.width);
  }
  return { width: r.width, height: r.height, data };
}

export function cropScene<S extends DepthScene | LayeredScene>(scene: S, crop: Crop): S;
export function cropScene(scene: DepthScene | LayeredScene, crop: Crop): DepthScene | LayeredScene {
  if (isWhole(crop)) return scene;
  if (isLayeredScene(scene)) {
    const r = region(scene, crop);
    return {
      width: r.width,
      height: r.height,
      planes: scene.planes.map((plane) => ({
        ...plane,
        image: cropSource(plane.image, crop),
        ...(plane.relief && { relief: cropPixels(plane.relief, crop) }),
      })),
    };
  }
  return {
    image: cropSource(scene.image, crop),
    depth: isDepthPixels(scene.depth) ? cropPixels(scene.depth, crop) : cropSource(scene.depth, crop),
  };
}
