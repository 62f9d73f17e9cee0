// The camera model shared by the emulator (CPU frames) and the plugin (WebGL frames): where the camera
// is per frame, how far each depth moves per unit of camera offset, and the gain and convergence
// estimated from a disparity map. Pure: no DOM, no Node.
import type { AnimationOptions } from "./api.js";
import type { AnimationParams } from "./immersity.js";
import { ANIMATION_DEFAULTS, parsePattern } from "./immersity-values.js";

/** A camera offset. Axes are the image's: x to the right, y down, z towards the scene. */
export interface CameraPosition {
  x: number;
  y: number;
  z: number;
}

/**
 * One unit of camera offset times gain times disparity difference moves a pixel by this fraction of
 * the picture's longer side: with the estimated gain, the nearest and farthest depths part by 3%
 * of it at amplitude 1, clearly 3D without tearing.
 */
export const PARALLAX_UNIT = 0.03;
/**
 * The same for z, as a relative change of scale: twice the sideways unit, so at the frame's edge
 * (half the side from the centre) a zoom moves pixels as much as a sideways move.
 */
export const ZOOM_UNIT = 2 * PARALLAX_UNIT;

/**
 * outputFps "auto": 30 for MP4, the usual video rate; 15 for GIF, which stores every frame whole and
 * counts delays in hundredths of a second, so 15 frames a second halves the file for little loss.
 */
export const AUTO_FPS = { mp4: 30, gif: 15 } as const;

export type PathParams = Pick<
  AnimationParams,
  | "pattern"
  | "animationLength"
  | "numberOfLoops"
  | "amplitudeX"
  | "amplitudeY"
  | "amplitudeZ"
  | "phaseX"
  | "phaseY"
  | "phaseZ"
>;

/** The pattern's triplets, or null for a sine path (no pattern, or one that does not parse). */
function patternOf(params: PathParams): Array<[number, number, number]> | null {
  return params.pattern === undefined ? null : parsePattern(params.pattern);
}

/**
 * How many frames `1 + numberOfLoops` passes over one cycle take (a fractional count ends part-way
 * through a pass): with a pattern, a cycle is its triplets, one per frame; otherwise it lasts
 * animationLength seconds at `fps`.
 */
export function frameCount(params: PathParams, fps: number): number {
  const p = { ...ANIMATION_DEFAULTS, ...params };
  const passes = 1 + p.numberOfLoops;
  const pattern = patternOf(params);
  if (pattern) return Math.max(1, Math.round(pattern.length * passes));
  return Math.max(1, Math.round(p.animationLength * fps * passes));
}

/**
 * The camera in frame `index`. With `pattern`, animationLength, amplitudes and phases are ignored, as
 * the schema says. Otherwise each axis is `amplitude · sin(2π (t / animationLength + phase))`: phases
 * count in cycles, so phase 0 starts at the origin as the schema says, and the default phases
 * (0, 0.25, 0.25) move x and y round a circle while z moves in and out with y.
 */
export function cameraAt(params: PathParams, index: number, fps: number): CameraPosition {
  const pattern = patternOf(params);
  if (pattern) {
    const [x, y, z] = pattern[index % pattern.length]!;
    return { x, y, z };
  }
  const p = { ...ANIMATION_DEFAULTS, ...params };
  const cycle = index / fps / p.animationLength;
  const axis = (amplitude: number, phase: number) => amplitude * Math.sin(2 * Math.PI * (cycle + phase));
  return {
    x: axis(p.amplitudeX, p.phaseX),
    y: axis(p.amplitudeY, p.phaseY),
    z: axis(p.amplitudeZ, p.phaseZ),
  };
}

/** One position per frame of the whole animation. */
export function cameraPath(params: PathParams, fps: number): CameraPosition[] {
  return Array.from({ length: frameCount(params, fps) }, (_, i) => cameraAt(params, i, fps));
}

/** Disparity in [0, 1] (near = 1) that stays still, and the gain applied to the difference from it. */
export interface Parallax {
  stillDisparity: number;
  gain: number;
}

/** The depth range is measured between these percentiles, so a few stray pixels cannot widen it. */
const LOW_PERCENTILE = 0.02;
const HIGH_PERCENTILE = 0.98;
/** An almost flat map would otherwise get a huge gain that only amplifies its noise. */
export const MAX_ESTIMATED_GAIN = 4;

/**
 * `convergence` (-1..1) spans the depth range: -1 keeps the farthest depth (disparity 0) still, 1 the
 * nearest (disparity 1), so the still disparity is (convergence + 1) / 2. When absent it is the middle
 * of the map's 2nd..98th percentile range, which balances near and far motion and so keeps the
 * largest displacement, and the holes it opens, as small as they can be.
 *
 * `gain`, when absent, is 1 / (98th − 2nd percentile), at most MAX_ESTIMATED_GAIN: the scene's whole
 * depth range then moves by one parallax unit, whatever range the map's values happen to use.
 */
export function resolveParallax(
  disparity: Uint16Array,
  given: Pick<AnimationParams, "convergence" | "gain">,
): Parallax {
  return givenParallax(estimateParallax(disparity), given);
}

/** The parallax for absent gain and convergence: the costly part, a histogram of the whole map. */
export function estimateParallax(disparity: Uint16Array): Parallax {
  const [low, high] = percentiles(disparity, LOW_PERCENTILE, HIGH_PERCENTILE);
  return {
    stillDisparity: (low + high) / 2,
    gain: 1 / Math.max(high - low, 1 / MAX_ESTIMATED_GAIN),
  };
}

/** The given gain and convergence, each taken from `estimate` when absent. */
export function givenParallax(estimate: Parallax, given: Pick<AnimationParams, "convergence" | "gain">): Parallax {
  return {
    stillDisparity: given.convergence === undefined ? estimate.stillDisparity : (given.convergence + 1) / 2,
    gain: given.gain ?? estimate.gain,
  };
}

/** Two percentiles of 16-bit values, as fractions of 65535, from an exact histogram. */
function percentiles(values: Uint16Array, low: number, high: number): [number, number] {
  const histogram = new Uint32Array(65536);
  for (let i = 0; i < values.length; i++) histogram[values[i]!]!++;
  const at = (fraction: number) => {
    const rank = fraction * (values.length - 1);
    let seen = 0;
    for (let v = 0; v < histogram.length; v++) {
      seen += histogram[v]!;
      if (seen > rank) return v / 65535;
    }
    return 1;
  };
  return [at(low), at(high)];
}

export type PresetFields = Required<
  Pick<AnimationOptions, "amplitudeX" | "amplitudeY" | "amplitudeZ" | "phaseX" | "phaseY" | "phaseZ">
>;

/**
 * Motion presets: named camera paths, each a setting of the amplitudes and phases above, so a phase
 * of 0.25 puts an axis a quarter cycle ahead of another.
 */
export const MOTION_PRESETS = {
  /** Side to side: the classic parallax sway. */
  Horizontal: { amplitudeX: 1, amplitudeY: 0, amplitudeZ: 0, phaseX: 0, phaseY: 0, phaseZ: 0 },
  /** Up and down. */
  Vertical: { amplitudeX: 0, amplitudeY: 1, amplitudeZ: 0, phaseX: 0, phaseY: 0, phaseZ: 0 },
  /** A circle in the image plane: x and y a quarter cycle apart. */
  Circle: { amplitudeX: 1, amplitudeY: 1, amplitudeZ: 0, phaseX: 0, phaseY: 0.25, phaseZ: 0 },
  /** Towards the scene and back, gently. */
  Zoom: { amplitudeX: 0, amplitudeY: 0, amplitudeZ: 1, phaseX: 0, phaseY: 0, phaseZ: 0 },
  /** A deeper push in and out with a slight sway, like a camera on a dolly. */
  Dolly: { amplitudeX: 0.3, amplitudeY: 0, amplitudeZ: 2, phaseX: 0.25, phaseY: 0, phaseZ: 0 },
  /** Immersity's own default: x, y and z together, y and z a quarter cycle after x. */
  Perspective: {
    amplitudeX: 1,
    amplitudeY: 1,
    amplitudeZ: 1,
    phaseX: 0,
    phaseY: 0.25,
    phaseZ: 0.25,
  },
} as const satisfies Record<string, PresetFields>;

export type MotionPreset = keyof typeof MOTION_PRESETS;
