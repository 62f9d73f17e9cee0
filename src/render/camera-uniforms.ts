// The camera model's uniforms (CAMERA_GLSL) for a program: set once per scene from the picture's
// size, and per view from the camera offset and the parallax.
import { PARALLAX_UNIT, ZOOM_UNIT, type Parallax } from "../shared/camera.js";
import { OVERSCAN } from "./depth-shader.js";

export interface View {
  x: number;
  y: number;
  z: number;
}

export function cameraUniforms(
  gl: WebGL2RenderingContext,
  program: WebGLProgram,
  picture: { width: number; height: number },
): (view: View, parallax: Parallax) => void {
  const at = (name: string) => gl.getUniformLocation(program, name);
  const longSide = Math.max(picture.width, picture.height);
  gl.useProgram(program);
  gl.uniform2f(at("unit"), (PARALLAX_UNIT * longSide) / picture.width, (PARALLAX_UNIT * longSide) / picture.height);
  gl.uniform1f(at("zoomUnit"), ZOOM_UNIT);
  gl.uniform1f(at("overscan"), OVERSCAN);
  const outputSize = at("outputSize");
  const camera = at("camera");
  const gain = at("gain");
  const still = at("still");
  return (view, parallax) => {
    gl.uniform2f(outputSize, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.uniform3f(camera, view.x, view.y, view.z);
    gl.uniform1f(gain, parallax.gain);
    gl.uniform1f(still, parallax.stillDisparity);
  };
}
