// The plugin's depth renderer: one view of a picture and its disparity map from a moved camera, in
// WebGL2, with the emulator's motion model and estimate (src/shared/camera.ts), so a preview in
// Figma moves as the emulator's (and Immersity's) animation does.
import { estimateParallax, givenParallax, PARALLAX_UNIT, ZOOM_UNIT } from "../shared/camera.js";
import { depthValues, sourceSize, type DepthPixels } from "./depth-input.js";
import { FRAGMENT_SHADER, MAX_STEPS, OVERSCAN, VERTEX_SHADER } from "./depth-shader.js";

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

export function createDepthRenderer(canvas: HTMLCanvasElement | OffscreenCanvas, scene: DepthScene): DepthRenderer {
  const gl = canvas.getContext("webgl2", {
    antialias: false,
    premultipliedAlpha: false,
  }) as WebGL2RenderingContext | null;
  if (!gl) throw new Error("WebGL2 is not available");
  const program = linkProgram(gl);
  const depth = depthValues(scene.depth);
  // Once per scene: the histogram is the costly part.
  const estimated = estimateParallax(depth.raw);
  const picture = sourceSize(scene.image);
  const longSide = Math.max(picture.width, picture.height);

  gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
  const pictureTexture = texture(gl, 0, gl.LINEAR);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, gl.RGBA, gl.UNSIGNED_BYTE, scene.image);
  // Float textures cannot be filtered without an extension; the shader fetches texels anyway.
  const depthTexture = texture(gl, 1, gl.NEAREST);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, depth.width, depth.height, 0, gl.RED, gl.FLOAT, depth.normalised);

  const corners = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, corners);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const vertexArray = gl.createVertexArray();
  gl.bindVertexArray(vertexArray);
  const corner = gl.getAttribLocation(program, "corner");
  gl.enableVertexAttribArray(corner);
  gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);

  gl.useProgram(program);
  const at = (name: string) => gl.getUniformLocation(program, name);
  gl.uniform1i(at("picture"), 0);
  gl.uniform1i(at("depth"), 1);
  gl.uniform2f(at("unit"), (PARALLAX_UNIT * longSide) / picture.width, (PARALLAX_UNIT * longSide) / picture.height);
  gl.uniform1f(at("zoomUnit"), ZOOM_UNIT);
  gl.uniform1f(at("overscan"), OVERSCAN);
  const uniforms = {
    outputSize: at("outputSize"),
    camera: at("camera"),
    gain: at("gain"),
    still: at("still"),
    steps: at("steps"),
    overlay: at("overlay"),
  };
  let steps = MAX_STEPS;

  return {
    render(view) {
      const started = performance.now();
      const { gain, stillDisparity } = givenParallax(estimated, view);
      gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
      gl.uniform2f(uniforms.outputSize, gl.drawingBufferWidth, gl.drawingBufferHeight);
      gl.uniform3f(uniforms.camera, view.x, view.y, view.z);
      gl.uniform1f(uniforms.gain, gain);
      gl.uniform1f(uniforms.still, stillDisparity);
      gl.uniform1i(uniforms.steps, steps);
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
      gl.uniform1i(uniforms.overlay, on ? 1 : 0);
    },
    dispose() {
      gl.deleteTexture(pictureTexture);
      gl.deleteTexture(depthTexture);
      gl.deleteBuffer(corners);
      gl.deleteVertexArray(vertexArray);
      gl.deleteProgram(program);
    },
  };
}

function texture(gl: WebGL2RenderingContext, unit: number, filter: number): WebGLTexture {
  const created = gl.createTexture();
  gl.activeTexture(gl.TEXTURE0 + unit);
  gl.bindTexture(gl.TEXTURE_2D, created);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, filter);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, filter);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return created;
}

function linkProgram(gl: WebGL2RenderingContext): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, text] of [
    [gl.VERTEX_SHADER, VERTEX_SHADER],
    [gl.FRAGMENT_SHADER, FRAGMENT_SHADER],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, text);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      throw new Error(`shader does not compile: ${gl.getShaderInfoLog(shader)}`);
    }
    gl.attachShader(program, shader);
    gl.deleteShader(shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`shader program does not link: ${gl.getProgramInfoLog(program)}`);
  }
  return program;
}
