// The <depth-frame> element's attributes read into settings, with a warning for each value that is
// not understood (the player then uses the default rather than failing). Pure, so it is tested in Node.
import { MOTION_PRESETS } from "../../shared/camera.js";

export const INTERACTIONS = ["loop", "hover", "scroll", "tilt"] as const;
export type Interaction = (typeof INTERACTIONS)[number];

/** One plane of a layered scene: a whole-frame picture (transparent where it has nothing) at a depth. */
export interface PlayerLayer {
  src: string;
  /** 0 far .. 1 near. */
  depth: number;
}

export interface PlayerSettings {
  src: string;
  /** The depth map; null for a layered scene. */
  depth: string | null;
  /** A layered scene's planes, back to front; null for an image with a depth map. */
  layers: PlayerLayer[] | null;
  fallback: string | null;
  interaction: Interaction;
  /** The camera path for "loop", in the animation API's fields. */
  path: {
    animationLength: number;
    amplitudeX: number;
    amplitudeY: number;
    amplitudeZ: number;
    phaseX: number;
    phaseY: number;
    phaseZ: number;
  };
  amplitude: [number, number, number];
  gain: number | undefined;
  convergence: number | undefined;
}

const LAYERS_FORMAT =
  '"layers" must be "file depth" pairs, back to front, separated by commas, ' +
  'with depths from 0 (far) to 1 (near), such as "sky.png 0, title.png 0.8"';

/** `layers="sky.png 0, title.png 0.8"`, as srcset lists its candidates; null with a warning when not. */
function readLayers(raw: string, warnings: string[]): PlayerLayer[] | null {
  const layers = raw.split(",").map((entry) => {
    const [src, depth, ...rest] = entry.trim().split(/\s+/);
    const value = Number(depth);
    return src && depth !== undefined && !rest.length && value >= 0 && value <= 1 ? { src, depth: value } : null;
  });
  if (layers.every((layer) => layer !== null)) return layers;
  warnings.push(`${LAYERS_FORMAT}, not "${raw}"; showing the still image.`);
  return null;
}

const PRESETS = Object.fromEntries(Object.entries(MOTION_PRESETS).map(([name, path]) => [name.toLowerCase(), path]));

export function readPlayerAttributes(get: (name: string) => string | null): {
  settings: PlayerSettings | null;
  warnings: string[];
} {
  const warnings: string[] = [];
  const src = get("src");
  const depth = get("depth");
  const layersRaw = get("layers");
  const layers = layersRaw === null ? null : readLayers(layersRaw, warnings);
  if (!src) warnings.push('the "src" attribute (the image) is missing.');
  if (!depth && layersRaw === null)
    warnings.push('the "depth" attribute (the depth map), or "layers", is missing; showing the still image.');

  const motionName = (get("motion") ?? "perspective").toLowerCase();
  let preset = PRESETS[motionName];
  if (!preset) {
    warnings.push(`unknown motion "${motionName}"; use one of ${Object.keys(PRESETS).join(", ")}.`);
    preset = PRESETS.perspective!;
  }
  const number = (name: string, min: number, max: number) => {
    const raw = get(name);
    if (raw === null) return undefined;
    const value = Number(raw);
    if (raw.trim() !== "" && Number.isFinite(value) && value >= min && value <= max) return value;
    warnings.push(`"${name}" must be a number from ${min} to ${max}, not "${raw}".`);
    return undefined;
  };
  const triple = (name: string, min: number, max: number, fallback: [number, number, number]) => {
    const raw = get(name);
    if (raw === null) return fallback;
    const values = raw
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (values.length === 3 && values.every((v) => Number.isFinite(v) && v >= min && v <= max)) {
      return values as [number, number, number];
    }
    warnings.push(`"${name}" must be three numbers from ${min} to ${max}, such as "1 1 0", not "${raw}".`);
    return fallback;
  };
  const interactionRaw = get("interaction") ?? "loop";
  const interaction = (INTERACTIONS as readonly string[]).includes(interactionRaw)
    ? (interactionRaw as Interaction)
    : "loop";
  if (interaction !== interactionRaw)
    warnings.push(`unknown interaction "${interactionRaw}"; use one of ${INTERACTIONS.join(", ")}.`);

  const amplitude = triple("amplitude", 0, 10, [preset.amplitudeX, preset.amplitudeY, preset.amplitudeZ]);
  const phase = triple("phase", 0, 7, [preset.phaseX, preset.phaseY, preset.phaseZ]);
  const settings: PlayerSettings | null =
    src && (layers || (depth && layersRaw === null))
      ? {
          src,
          depth: layers ? null : depth,
          layers,
          fallback: get("fallback"),
          interaction,
          path: {
            animationLength: number("duration", 1, 10) ?? 4,
            amplitudeX: amplitude[0],
            amplitudeY: amplitude[1],
            amplitudeZ: amplitude[2],
            phaseX: phase[0],
            phaseY: phase[1],
            phaseZ: phase[2],
          },
          amplitude,
          gain: number("gain", 0, 10),
          convergence: number("convergence", -1, 1),
        }
      : null;
  return { settings, warnings };
}
