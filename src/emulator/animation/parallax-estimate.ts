// How strongly each depth moves: the depth that stays still (convergence) and the gain, taken from the
// request or, when absent, estimated from the disparity map.
import type { AnimationParams } from "../../shared/immersity.js";

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
export function resolveParallax(disparity: Uint16Array, given: Pick<AnimationParams, "convergence" | "gain">): Parallax {
  const [low, high] = percentiles(disparity, LOW_PERCENTILE, HIGH_PERCENTILE);
  return {
    stillDisparity: given.convergence === undefined ? (low + high) / 2 : (given.convergence + 1) / 2,
    gain: given.gain ?? 1 / Math.max(high - low, 1 / MAX_ESTIMATED_GAIN),
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
