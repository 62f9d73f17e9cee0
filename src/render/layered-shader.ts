// The layered renderer's fragment shader: one plane, moved by the camera model as a surface at its
// own depth (with its relief, if any, found by a short fixed-point search, enough for the small
// range relief spans), drawn over the planes behind it with premultiplied alpha. The bottom plane
// mirrors at the frame's edges like the single-map renderer; the others are transparent outside.
import { CAMERA_GLSL } from "./depth-shader.js";

/** Fixed-point steps for relief: each halves the error for the gentle slopes relief has. */
const RELIEF_STEPS = 3;

export const LAYERED_FRAGMENT_SHADER = `#version 300 es
precision highp float;

uniform sampler2D plane;
uniform highp sampler2D relief;
uniform float planeDepth;
// 0 for a flat plane.
uniform float reliefRange;
uniform bool mirror;
${CAMERA_GLSL}

out vec4 colour;

float depthAt(vec2 uv) {
  if (reliefRange == 0.0) return planeDepth;
  float r = texture(relief, clamp(uv, 0.0, 1.0)).r;
  return clamp(planeDepth + (r - 0.5) * reliefRange, 0.0, 1.0);
}

void main() {
  vec2 q = outputPoint();
  float d = planeDepth;
  vec2 uv = source(q, d);
  for (int i = 0; i < ${RELIEF_STEPS}; i++) {
    if (reliefRange == 0.0) break;
    d = depthAt(uv);
    uv = source(q, d);
  }
  if (mirror) uv = mirrored(uv, vec2(textureSize(plane, 0)));
  else if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0)))) discard;
  // Planes are uploaded premultiplied, so filtering at their edges does not darken them.
  colour = texture(plane, uv);
}
`;
