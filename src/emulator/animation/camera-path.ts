// Where the camera is in each frame. Axes are the image's: x to the right, y down, z towards the scene.
import { ANIMATION_DEFAULTS, parsePattern, type AnimationParams } from "../../shared/immersity.js";

export interface CameraPosition {
  x: number;
  y: number;
  z: number;
}

type PathParams = Pick<
  AnimationParams,
  "pattern" | "animationLength" | "numberOfLoops" | "amplitudeX" | "amplitudeY" | "amplitudeZ" | "phaseX" | "phaseY" | "phaseZ"
>;

/**
 * One position per frame, for `1 + numberOfLoops` passes over one cycle (a fractional count ends
 * part-way through a pass).
 *
 * With `pattern`, a cycle is its triplets, one per frame; animationLength, amplitudes and phases are
 * ignored, as the schema says. Otherwise a cycle lasts animationLength seconds and each axis is
 * `amplitude · sin(2π (t / animationLength + phase))`: phases count in cycles, so phase 0 starts at
 * the origin as the schema says, and the default phases (0, 0.25, 0.25) move x and y round a circle
 * while z moves in and out with y.
 */
export function cameraPath(params: PathParams, fps: number): CameraPosition[] {
  const p = { ...ANIMATION_DEFAULTS, ...params };
  const passes = 1 + p.numberOfLoops;
  const pattern = p.pattern === undefined ? null : parsePattern(p.pattern);
  if (pattern) {
    const frames = Math.max(1, Math.round(pattern.length * passes));
    return Array.from({ length: frames }, (_, i) => {
      const [x, y, z] = pattern[i % pattern.length]!;
      return { x, y, z };
    });
  }
  const frames = Math.max(1, Math.round(p.animationLength * fps * passes));
  const axis = (amplitude: number, phase: number, cycle: number) => amplitude * Math.sin(2 * Math.PI * (cycle + phase));
  return Array.from({ length: frames }, (_, i) => {
    const cycle = i / fps / p.animationLength;
    return { x: axis(p.amplitudeX, p.phaseX, cycle), y: axis(p.amplitudeY, p.phaseY, cycle), z: axis(p.amplitudeZ, p.phaseZ, cycle) };
  });
}
