// The camera the designer holds by hand over a preview: the pointer's place across it, from −1 at one
// edge to 1 at the other, reaches as far as the options' own path does sideways (at least one unit).
import type { AnimationOptions } from "../../shared/api.js";
import type { CameraPosition } from "../../shared/camera.js";
import { ANIMATION_DEFAULTS } from "../../shared/immersity-values.js";

const clamp = (v: number) => Math.max(-1, Math.min(1, v));

const reachOf = (options: AnimationOptions) =>
  Math.max(
    1,
    Math.abs(options.amplitudeX ?? ANIMATION_DEFAULTS.amplitudeX),
    Math.abs(options.amplitudeY ?? ANIMATION_DEFAULTS.amplitudeY),
  );

/** `across` and `down` in [0, 1] over the preview, left to right and top to bottom. */
export function pointerCamera(across: number, down: number, options: AnimationOptions): CameraPosition {
  const reach = reachOf(options);
  return { x: clamp(2 * across - 1) * reach, y: clamp(2 * down - 1) * reach, z: 0 };
}

/** An arrow key's nudge of a held camera, a tenth of the reach at a time; null for other keys. */
export function nudgedCamera(camera: CameraPosition, key: string, options: AnimationOptions): CameraPosition | null {
  const reach = reachOf(options);
  const step = reach / 10;
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const move = moves[key];
  if (!move) return null;
  const within = (v: number) => clamp(v / reach) * reach;
  return { ...camera, x: within(camera.x + move[0]), y: within(camera.y + move[1]) };
}

/** The largest box of this shape inside `room`. */
export function fitBox(
  size: { width: number; height: number },
  room: { width: number; height: number },
): { width: number; height: number } {
  const scale = Math.min(room.width / size.width, room.height / size.height);
  return { width: Math.max(1, Math.floor(size.width * scale)), height: Math.max(1, Math.floor(size.height * scale)) };
}
