// Runs in Chromium: a layered scene sent from the test, rendered by createDepthRenderer (views read
// back top row first) or made into a local animation by renderAnimation.
import { createDepthRenderer, renderAnimation, type LayeredScene } from "../../src/render/index.js";
import type { LayeredAnimationRequest, LayeredRequest } from "./layered-request.js";

function sceneOf(request: Omit<LayeredRequest, "views">): LayeredScene {
  const { width, height } = request;
  return {
    width,
    height,
    planes: request.planes.map((plane) => ({
      image: new ImageData(Uint8ClampedArray.from(plane.rgba), width, height),
      depth: plane.depth,
      ...(plane.relief && { relief: { width, height, data: Uint16Array.from(plane.relief) } }),
      ...(plane.reliefRange !== undefined && { reliefRange: plane.reliefRange }),
    })),
  };
}

function renderLayered(request: LayeredRequest): number[][] {
  const canvas = document.createElement("canvas");
  const renderer = createDepthRenderer(canvas, sceneOf(request));
  renderer.resize(request.width, request.height);
  const readBack = document.createElement("canvas");
  readBack.width = request.width;
  readBack.height = request.height;
  const context = readBack.getContext("2d", { willReadFrequently: true })!;
  const frames = request.views.map((view) => {
    renderer.render(view);
    context.clearRect(0, 0, request.width, request.height);
    context.drawImage(canvas, 0, 0);
    return Array.from(context.getImageData(0, 0, request.width, request.height).data);
  });
  renderer.dispose();
  return frames;
}

async function animateLayered(request: LayeredAnimationRequest) {
  const result = await renderAnimation(sceneOf(request), request.options);
  return { contentType: result.contentType, bytes: Array.from(result.bytes) };
}

Object.assign(globalThis, { renderLayered, animateLayered });
