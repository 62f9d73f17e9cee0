// Renders a layered scene: each plane a full-frame quad drawn back to front, displaced by its own
// depth with the shared camera model (src/shared/camera.ts), so a near plane uncovers the real
// plane behind it. Gain and convergence are estimated from the planes' depths as the single-map
// renderer estimates them from its map.
import { estimateParallax, givenParallax } from "../shared/camera.js";
import { DEFAULT_RELIEF_RANGE } from "../shared/layer-depth.js";
import { cameraUniforms } from "./camera-uniforms.js";
import { depthValues } from "./depth-input.js";
import type { DepthRenderer } from "./depth-renderer.js";
import { VERTEX_SHADER } from "./depth-shader.js";
import { fullScreenQuad, linkProgram, texture } from "./gl-program.js";
import { LAYERED_FRAGMENT_SHADER } from "./layered-shader.js";
import type { LayeredScene } from "./layered-scene.js";

/** A layered scene's renderer; its planes' depths can change without uploading the planes again. */
export interface LayeredRenderer extends DepthRenderer {
  /** One depth per plane, back to front, 0 far .. 1 near. */
  setPlaneDepths(depths: readonly number[]): void;
}

function checkDepths(depths: readonly number[], count: number): void {
  if (depths.length !== count) throw new RangeError(`${depths.length} depths for ${count} planes`);
  for (const depth of depths) {
    if (!(depth >= 0 && depth <= 1)) throw new RangeError(`plane depth ${depth} is not in 0..1`);
  }
}

const estimateOf = (depths: readonly number[]) =>
  estimateParallax(Uint16Array.from(depths, (depth) => Math.round(depth * 65535)));

export function createLayeredRenderer(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  scene: LayeredScene,
): LayeredRenderer {
  if (scene.planes.length === 0) throw new RangeError("a layered scene needs at least one plane");
  checkDepths(
    scene.planes.map((plane) => plane.depth),
    scene.planes.length,
  );
  const gl = canvas.getContext("webgl2", {
    antialias: false,
    premultipliedAlpha: true,
  }) as WebGL2RenderingContext | null;
  if (!gl) throw new Error("WebGL2 is not available");
  const program = linkProgram(gl, VERTEX_SHADER, LAYERED_FRAGMENT_SHADER);
  let estimated = estimateOf(scene.planes.map((plane) => plane.depth));

  gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  const planes = scene.planes.map((plane) => {
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
    const image = texture(gl, 0, gl.LINEAR);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, gl.RGBA, gl.UNSIGNED_BYTE, plane.image);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    let relief: WebGLTexture | null = null;
    if (plane.relief) {
      const values = depthValues(plane.relief);
      relief = texture(gl, 1, gl.NEAREST);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, values.width, values.height, 0, gl.RED, gl.FLOAT, values.normalised);
    }
    return { image, relief, depth: plane.depth, range: plane.relief ? (plane.reliefRange ?? DEFAULT_RELIEF_RANGE) : 0 };
  });
  // A texture unit must hold something the sampler's type accepts even for flat planes.
  const noRelief = texture(gl, 1, gl.NEAREST);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, 1, 1, 0, gl.RED, gl.FLOAT, new Float32Array([0.5]));

  const quad = fullScreenQuad(gl, program);
  const setView = cameraUniforms(gl, program, scene);
  const at = (name: string) => gl.getUniformLocation(program, name);
  gl.uniform1i(at("plane"), 0);
  gl.uniform1i(at("relief"), 1);
  const uniforms = { depth: at("planeDepth"), range: at("reliefRange"), mirror: at("mirror") };
  gl.enable(gl.BLEND);
  gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);

  return {
    render(view) {
      gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      setView(view, givenParallax(estimated, view));
      planes.forEach((plane, index) => {
        gl.activeTexture(gl.TEXTURE0);
        gl.bindTexture(gl.TEXTURE_2D, plane.image);
        gl.activeTexture(gl.TEXTURE1);
        gl.bindTexture(gl.TEXTURE_2D, plane.relief ?? noRelief);
        gl.uniform1f(uniforms.depth, plane.depth);
        gl.uniform1f(uniforms.range, plane.range);
        gl.uniform1i(uniforms.mirror, index === 0 ? 1 : 0);
        gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
      });
    },
    setPlaneDepths(depths) {
      checkDepths(depths, planes.length);
      planes.forEach((plane, index) => (plane.depth = depths[index]!));
      estimated = estimateOf(depths);
    },
    resize(width, height) {
      canvas.width = width;
      canvas.height = height;
    },
    // A near plane uncovers the real layer behind it: no pixel is stretched, so there is nothing to tint.
    setDisocclusionOverlay() {},
    dispose() {
      for (const plane of planes) {
        gl.deleteTexture(plane.image);
        if (plane.relief) gl.deleteTexture(plane.relief);
      }
      gl.deleteTexture(noRelief);
      quad.dispose();
      gl.deleteProgram(program);
    },
  };
}
