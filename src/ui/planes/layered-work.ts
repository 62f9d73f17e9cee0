// A frame's layered scene as the preview, the local export and Immersity's animation take it: its
// loaded planes, the Layers panel's depths, and the relief of the photo planes the designer gave it.
import type { LayeredScene } from "../../render/index.js";
import type { Reliefs } from "./layer-depth-map.js";
import type { LoadedPlanes } from "./load-planes.js";
import { photoRelief, type ReliefRequest } from "./photo-relief.js";

export interface LayeredSource {
  planes: LoadedPlanes;
  /** One per plane, bottom to top, 0 far .. 1 near. */
  depths: readonly number[];
  /** Per plane: a photo the designer gave relief (each one paid disparity call, free when stored). */
  relief: readonly boolean[];
}

/** The indexes of the planes that get relief. */
export const reliefPlanes = (source: Pick<LayeredSource, "planes" | "relief">) =>
  source.planes.planes.flatMap((plane, index) => (plane.info.photo && source.relief[index] ? [index] : []));

/** Fetches each relief in turn (one disparity call at a time, like a batch of one). */
export async function fetchReliefs(source: LayeredSource, request: Omit<ReliefRequest, "frame">): Promise<Reliefs> {
  const reliefs: Reliefs = new Map();
  const frame = { width: source.planes.width, height: source.planes.height };
  for (const index of reliefPlanes(source)) {
    reliefs.set(index, { relief: await photoRelief(source.planes.planes[index]!, { ...request, frame }) });
  }
  return reliefs;
}

/** The scene for src/render: each plane's pixels as they are, at its depth, with its relief. */
export function layeredScene(source: LayeredSource, reliefs: Reliefs): LayeredScene {
  const { width, height } = source.planes;
  return {
    width,
    height,
    planes: source.planes.planes.map((plane, index) => {
      const relief = reliefs.get(index);
      return {
        image: new ImageData(new Uint8ClampedArray(plane.pixels.data), width, height),
        depth: source.depths[index]!,
        ...(relief && { relief: { width, height, data: relief.relief }, reliefRange: relief.reliefRange }),
      };
    }),
  };
}
