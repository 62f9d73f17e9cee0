// Immersity's published defaults, bounds, frame rates and camera pattern syntax, without zod: the
// camera model and the web player use them, and the player must stay small.
export const OUTPUT_FPS = [1, 5, 10, 15, 24, 25, 30, 60] as const;

/** The published bounds (inclusive) of the numeric fields; the schemas and the UI both read them. */
export const PARAM_RANGES = {
  dilation: { min: -0.01, max: 0.01 },
  animationLength: { min: 1, max: 10 },
  amplitudeX: { min: 0, max: 10 },
  amplitudeY: { min: 0, max: 10 },
  amplitudeZ: { min: 0, max: 10 },
  phaseX: { min: 0, max: 7 },
  phaseY: { min: 0, max: 7 },
  phaseZ: { min: 0, max: 7 },
  gain: { min: 0, max: 10 },
  convergence: { min: -1, max: 1 },
  numberOfLoops: { min: 0, max: 10 },
} as const;

/** Defaults the service applies when a field is absent (from the published schema). */
export const DISPARITY_DEFAULTS = {
  dilation: 0.0063,
  inputType: "image2d",
  outputBitDepth: "uint8",
} as const;

/**
 * The animation defaults the published schema gives as numbers. Its other defaults are words:
 * outputWidth/outputHeight "equal to the input", gain and convergence "estimated", outputFps "auto".
 */
export const ANIMATION_DEFAULTS = {
  animationType: "mp4",
  animationLength: 4,
  amplitudeX: 1,
  amplitudeY: 1,
  amplitudeZ: 1,
  phaseX: 0,
  phaseY: 0.25,
  phaseZ: 0.25,
  numberOfLoops: 0,
} as const;

/** "{x1,y1,z1, x2,y2,z2, ...}": braces optional, one x,y,z triplet per frame. */
export function parsePattern(pattern: string): Array<[number, number, number]> | null {
  const body = pattern.trim().replace(/^\{/, "").replace(/\}$/, "");
  const parts = body.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.length % 3 !== 0) return null;
  const values = parts.map((p) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(p) ? Number(p) : NaN));
  if (values.some((v) => !Number.isFinite(v))) return null;
  const frames: Array<[number, number, number]> = [];
  for (let i = 0; i < values.length; i += 3) frames.push([values[i]!, values[i + 1]!, values[i + 2]!]);
  return frames;
}
