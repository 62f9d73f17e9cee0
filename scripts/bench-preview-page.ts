// Runs in Chromium for `npm run bench:preview`: frame times of the depth renderer and of a plain
// textured quad, the baseline, drawing the same input into a 600×600 canvas; and of a layered scene
// against the single-depth-map renderer at the same size.
import { createDepthRenderer } from "../src/render/depth-renderer.js";
import type { LayeredScene } from "../src/render/layered-scene.js";

const QUAD_VERTEX = `#version 300 es
out vec2 uv;
void main() {
  vec2 p = vec2(gl_VertexID & 1, gl_VertexID >> 1);
  uv = vec2(p.x, 1.0 - p.y);
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`;
const QUAD_FRAGMENT = `#version 300 es
precision highp float;
uniform sampler2D picture;
in vec2 uv;
out vec4 colour;
void main() { colour = texture(picture, uv); }`;

function scene(side: number) {
  const image = new OffscreenCanvas(side, side);
  const context = image.getContext("2d")!;
  const gradient = context.createLinearGradient(0, 0, side, side);
  gradient.addColorStop(0, "#2a6");
  gradient.addColorStop(1, "#a26");
  context.fillStyle = gradient;
  context.fillRect(0, 0, side, side);
  const data = new Uint16Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.hypot(x - side / 2, y - side / 2) / side;
      data[y * side + x] = Math.round(65535 * Math.max(0, 1 - 2 * r));
    }
  }
  return { image, depth: { width: side, height: side, data } };
}

/** A drawn frame is waited for with a one-pixel read, so the time is the frame's, not its queueing. */
function timeFrames(gl: WebGL2RenderingContext, draw: (i: number) => void, frames: number): number {
  const pixel = new Uint8Array(4);
  for (let i = 0; i < 3; i++) draw(i);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  const start = performance.now();
  for (let i = 0; i < frames; i++) {
    draw(i);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  }
  return (performance.now() - start) / frames;
}

function quad(canvas: OffscreenCanvas, image: OffscreenCanvas) {
  const gl = canvas.getContext("webgl2")!;
  const program = gl.createProgram()!;
  for (const [type, source] of [
    [gl.VERTEX_SHADER, QUAD_VERTEX],
    [gl.FRAGMENT_SHADER, QUAD_FRAGMENT],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  gl.useProgram(program);
  const texture = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, gl.RGBA, gl.UNSIGNED_BYTE, image);
  gl.viewport(0, 0, canvas.width, canvas.height);
  return { gl, draw: () => gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4) };
}

function bench(side: number, frames: number) {
  const input = scene(side);
  const baseline = quad(new OffscreenCanvas(600, 600), input.image);
  const quadMs = timeFrames(baseline.gl, baseline.draw, frames);
  const canvas = new OffscreenCanvas(600, 600);
  const renderer = createDepthRenderer(canvas, input);
  renderer.resize(600, 600);
  const gl = canvas.getContext("webgl2")!;
  const depthMs = timeFrames(
    gl,
    (i) => renderer.render({ x: Math.sin(i / 10), y: Math.cos(i / 10), z: 0.5 * Math.sin(i / 20) }),
    frames,
  );
  renderer.dispose();
  return { side, quadMs, depthMs };
}

/** `count` whole-frame planes back to front: an opaque background, then cards spread over it. */
function layeredScene(side: number, count: number): LayeredScene {
  const planes = Array.from({ length: count }, (_, i) => {
    const image = new OffscreenCanvas(side, side);
    const context = image.getContext("2d")!;
    context.fillStyle = `hsl(${(i * 47) % 360} 60% 50%)`;
    if (i === 0) context.fillRect(0, 0, side, side);
    else context.fillRect(((i * 37) % 80) * (side / 100), ((i * 53) % 80) * (side / 100), side / 5, side / 8);
    return { image, depth: i / (count - 1) };
  });
  return { width: side, height: side, planes };
}

function benchLayered(side: number, planes: number, frames: number) {
  const view = (i: number) => ({ x: Math.sin(i / 10), y: Math.cos(i / 10), z: 0.5 * Math.sin(i / 20) });
  const single = scene(side);
  const singleCanvas = new OffscreenCanvas(600, 600);
  const depth = createDepthRenderer(singleCanvas, single);
  depth.resize(600, 600);
  const depthMs = timeFrames(singleCanvas.getContext("webgl2")!, (i) => depth.render(view(i)), frames);
  depth.dispose();
  const layeredCanvas = new OffscreenCanvas(600, 600);
  const layered = createDepthRenderer(layeredCanvas, layeredScene(side, planes));
  layered.resize(600, 600);
  const layeredMs = timeFrames(layeredCanvas.getContext("webgl2")!, (i) => layered.render(view(i)), frames);
  layered.dispose();
  return { side, planes, depthMs, layeredMs };
}

function rendererName(): string {
  const gl = new OffscreenCanvas(1, 1).getContext("webgl2")!;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "unknown";
}

Object.assign(globalThis, { bench, benchLayered, rendererName });
