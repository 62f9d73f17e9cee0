// The WebGL2 shaders of the depth renderer. The fragment shader finds, for each output pixel, the
// nearest depth that lands there under the emulator's motion model (src/emulator/animation/
// parallax-renderer.ts): a pixel p of disparity d lands at c + (p − c) · s(d) + D(d), with
// w = gain · (d − still), s = exp(ZOOM_UNIT · z · w), D = −w · (x, y) · PARALLAX_UNIT · long side.
// Backwards, output pixel q reads the picture at (q − c − D(d)) / s(d) + c, for the d that the depth
// map itself holds there: a height field, marched from near to far so the nearest surface wins.

/**
 * The march's steps over the whole disparity range, which the refinement then narrows 64-fold; the
 * renderer starts here and lowers the count when frames are slow.
 */
export const MAX_STEPS = 32;
/** The view is magnified by this much, so the mirrored border shows a little less when it moves. */
export const OVERSCAN = 1.01;
/** The disocclusion overlay's tint (magenta, seldom in a picture) and how much of it covers a pixel. */
const OVERLAY_COLOUR = "vec3(1.0, 0.0, 1.0)";
const OVERLAY_MIX = "0.6";
/** Binary refinement between the last step in front of the surface and the first behind it. */
const REFINE_STEPS = 6;

export const VERTEX_SHADER = `#version 300 es
in vec2 corner;
void main() { gl_Position = vec4(corner, 0.0, 1.0); }
`;

/** The camera model in GLSL, shared with the layered renderer: uniforms, mirroring, and where an
 *  output point reads a surface of disparity d. */
export const CAMERA_GLSL = `
uniform vec2 outputSize;
uniform vec3 camera;
uniform float gain;
uniform float still;
// PARALLAX_UNIT · long side, in normalised units of each axis.
uniform vec2 unit;
uniform float zoomUnit;
// Output coordinates are scaled by this about the centre, so mirrored borders show a little less.
uniform float overscan;

// Reflects a normalised coordinate back in about the first and last texel centres, as the emulator
// does, rather than clamping, which would smear the border row into streaks.
vec2 mirrored(vec2 uv, vec2 size) {
  vec2 p = uv * size - 0.5;
  vec2 last = size - 1.0;
  p = abs(p);
  p = last - abs(last - p);
  return (clamp(p, vec2(0.0), last) + 0.5) / size;
}

// Where output point q reads the picture if the surface there has disparity d.
vec2 source(vec2 q, float d) {
  float w = gain * (d - still);
  float s = exp(zoomUnit * camera.z * w);
  vec2 shift = -w * camera.xy * unit;
  return (q - 0.5 - shift) / s + 0.5;
}

// This fragment's output point, top row first (gl_FragCoord counts rows from the bottom).
vec2 outputPoint() {
  vec2 q = vec2(gl_FragCoord.x, outputSize.y - gl_FragCoord.y) / outputSize;
  return 0.5 + (q - 0.5) / overscan;
}
`;

export const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;

uniform sampler2D picture;
// Disparity in [0, 1] (near = 1) as 32-bit floats, so a 16-bit map keeps every bit.
uniform highp sampler2D depth;
uniform int steps;
// Tints where the picture is stretched over a hole the moved near surface left.
uniform bool overlay;
${CAMERA_GLSL}

out vec4 colour;

float depthAt(vec2 uv) {
  ivec2 size = textureSize(depth, 0);
  vec2 texel = floor(mirrored(uv, vec2(size)) * vec2(size));
  return texelFetch(depth, clamp(ivec2(texel), ivec2(0), size - 1), 0).r;
}

void main() {
  vec2 q = outputPoint();
  float front = 1.0;
  float behind = 0.0;
  for (int i = 0; i <= ${MAX_STEPS}; i++) {
    if (i > steps) break;
    float d = 1.0 - float(i) / float(steps);
    if (depthAt(source(q, d)) >= d) {
      behind = d;
      break;
    }
    front = d;
  }
  for (int i = 0; i < ${REFINE_STEPS}; i++) {
    float d = 0.5 * (front + behind);
    if (depthAt(source(q, d)) >= d) behind = d; else front = d;
  }
  // Read through the disparity found at the hit rather than the ray's own: inside a hole the ray
  // meets the side of the near surface, whose disparity points past its edge into the background
  // it uncovered, as the emulator fills holes with the near level.
  float hit = depthAt(source(q, behind));
  vec2 uv = mirrored(source(q, hit), vec2(textureSize(picture, 0)));
  vec3 rgb = texture(picture, uv).rgb;
  // On a surface the ray meets the depth it finds; in a hole it crossed a jump, and the depth read
  // through lies in front of it by more than a step of the march.
  if (overlay && hit - behind > 1.0 / float(steps)) rgb = mix(rgb, ${OVERLAY_COLOUR}, ${OVERLAY_MIX});
  colour = vec4(rgb, 1.0);
}
`;
