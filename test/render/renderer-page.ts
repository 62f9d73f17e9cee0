// Runs in Chromium: the depth renderer over a scene sent from the test, its frames read back through
// a 2D canvas, top row first.
import { createDepthRenderer, type DepthScene } from "../../src/render/index.js";
import type { RenderRequest } from "./render-request.js";

function canvasOf(width: number, height: number, rgba: Uint8ClampedArray): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d")!.putImageData(new ImageData(rgba, width, height), 0, 0);
  return canvas;
}

function depthOf(request: RenderRequest["depth"]): DepthScene["depth"] {
  const { width, height, values } = request;
  if (request.as === "pixels") return { width, height, data: Uint16Array.from(values) };
  const grey = new Uint8ClampedArray(width * height * 4);
  values.forEach((v, i) => grey.set([v >> 8, v >> 8, v >> 8, 255], i * 4));
  return canvasOf(width, height, grey);
}

function render(request: RenderRequest): number[][] {
  const image = canvasOf(request.width, request.height, Uint8ClampedArray.from(request.rgba));
  const canvas = document.createElement("canvas");
  const renderer = createDepthRenderer(canvas, { image, depth: depthOf(request.depth) });
  renderer.resize(request.width, request.height);
  renderer.setDisocclusionOverlay(request.overlay ?? false);
  const readBack = document.createElement("canvas");
  readBack.width = request.width;
  readBack.height = request.height;
  const context = readBack.getContext("2d", { willReadFrequently: true })!;
  const frames = request.views.map((view) => {
    renderer.render(view);
    // Within the same task, before the canvas is composited and its drawing buffer cleared.
    context.drawImage(canvas, 0, 0);
    return Array.from(context.getImageData(0, 0, request.width, request.height).data);
  });
  renderer.dispose();
  return frames;
}

Object.assign(globalThis, { render });
