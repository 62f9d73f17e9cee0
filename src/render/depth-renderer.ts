// The plugin's depth renderer: one view of a picture and its disparity map from a moved camera, in
// WebGL2, with the emulator's motion model and estimate (src/shared/camera.ts), so a preview in
// Figma moves as the emulator's (and Immersity's) animation does.
import { estimateParallax, givenParallax } from "../shared/camera.js";
import { cameraUniforms } from "./camera-uniforms.js";
import { depthValues, sourceSize, type DepthPixels } from "./depth-input.js";
import { FRAGMENT_SHADER, MAX_STEPS, VERTEX_SHADER } from "./depth-shader.js";
import { fullScreenQuad, linkProgram, texture } from "./gl-program.js";
import { createLayeredRenderer, type LayeredRenderer } from "./layered-renderer.js";
import { isLayeredScene, type LayeredScene } from "./layered-scene.js";

export type { DepthPixels };

export interface DepthScene {
  image: TexImageSource;
  depth: TexImageSource | DepthPixels;
}

export interface DepthRenderer {
  /** One view. x, y, z: the camera offset in the animation API's units; gain and convergence as in that
   *  API, estimated from the depth map like the emulator does when absent. */
  render(view: { x: number; y: number; z: number; gain?: number; convergence?: number }): void;
  resize(width: number, height: number): void;
  dispose(): void;
  /** Tints, in the views rendered from now on, where disocclusion stretches pixels over a hole the
   *  near surface uncovered (off at first). */
  setDisocclusionOverlay(on: boolean): void;
}

/** A frame slower than this halves the step count, down to MIN_STEPS. */
const FRAME_BUDGET_MS = 50;
const MIN_STEPS = 8;

export function createDepthRenderer(canvas: HTMLCanvasElement | OffscreenCanvas, scene: LayeredScene): LayeredRenderer;
export function createDepthRenderer(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  scene: DepthScene | LayeredScene,
): DepthRenderer;
export function createDepthRenderer(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  scene: DepthScene | LayeredScene,
): DepthRenderer {
  if (isLayeredScene(scene)) return createLayeredRenderer(canvas, scene);
  const gl = canvas.getContext("webgl2", {
    antialias: false,
    premultipliedAlpha: false,
  }) as WebGL2RenderingContext | null;
  if (!gl) throw new Error("WebGL2 is not available");
  const program = linkProgram(gl, VERTEX_SHADER, FRAGMENT_SHADER);
  const depth = depthValues(scene.depth);
  // Once per scene: the histogram is the costly part.
  const estimated = estimateParallax(depth.raw);
  const picture = sourceSize(scene.image);

  gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
  const pictureTexture = texture(gl, 0, gl.LINEAR);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, gl.RGBA, gl.UNSIGNED_BYTE, scene.image);
  // Float textures cannot be filtered without an extension; the shader fetches texels anyway.
  const depthTexture = texture(gl, 1, gl.NEAREST);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, depth.width, depth.height, 0, gl.RED, gl.FLOAT, depth.normalised);

  const quad = fullScreenQuad(gl, program);

  const setView = cameraUniforms(gl, program, picture);
  const at = (name: string) => gl.getUniformLocation(program, name);
  gl.uniform1i(at("picture"), 0);
  gl.uniform1i(at("depth"), 1);
  const stepsAt = at("steps");
  const overlayAt = at("overlay");
  let steps = MAX_STEPS;

  return {
    render(view) {
      const started = performance.now();
      gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
      setView(view, givenParallax(estimated, view));
      gl.uniform1i(stepsAt, steps);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
      if (steps > MIN_STEPS) {
        // Drawing only queues the work; reading one pixel waits for it, so the time is the frame's.
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        if (performance.now() - started > FRAME_BUDGET_MS) steps = Math.max(MIN_STEPS, steps >> 1);
      }
    },
    resize(width, height) {
      canvas.width = width;
      canvas.height = height;
    },
    setDisocclusionOverlay(on) {
      gl.uniform1i(overlayAt, on ? 1 : 0);
    },
    dispose() {
      gl.deleteTexture(pictureTexture);
      gl.deleteTexture(depthTexture);
      quad.dispose();
      gl.deleteProgram(program);
    },
  };
}
