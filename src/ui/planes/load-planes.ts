// Fetches a frame's planes from the sandbox: the plan, then each layer's export one message at a
// time, composited into whole-frame RGBA planes (transparent where a plane has nothing).
import { composePlane, type Rgba } from "../../shared/plane-compose.js";
import type { PlaneInfo, PlanesAnswer } from "../../shared/planes.js";

export interface LoadedPlane {
  info: PlaneInfo;
  /** The plane in the frame's pixels, straight alpha. */
  pixels: Rgba;
}

export interface LoadedPlanes extends Omit<PlanesAnswer, "planes"> {
  planes: LoadedPlane[];
}

/** The two sandbox requests this needs, as the UI's bridge answers them. */
export interface PlaneSource {
  planes(nodeId: string, targetSize: number, open: readonly string[]): Promise<PlanesAnswer>;
  part(nodeId: string, scale: number): Promise<Uint8Array>;
}

const partIds = (info: PlaneInfo) =>
  info.items.flatMap((item) =>
    item.kind === "part" ? [item.part.nodeId] : [item.group.mask.nodeId, ...item.group.parts.map((p) => p.nodeId)],
  );

export async function loadPlanes(
  source: PlaneSource,
  frame: { nodeId: string; targetSize: number; open: readonly string[] },
  decode: (png: Uint8Array) => Promise<Rgba>,
  progress?: (planesDone: number, planesTotal: number) => void,
  signal?: AbortSignal,
): Promise<LoadedPlanes> {
  const plan = await source.planes(frame.nodeId, frame.targetSize, frame.open);
  const planes: LoadedPlane[] = [];
  for (const info of plan.planes) {
    signal?.throwIfAborted();
    // Each plane's exports are decoded just before it is composited, and then let go.
    const decoded = new Map<string, Rgba>();
    for (const id of partIds(info)) {
      if (id !== null && !decoded.has(id)) decoded.set(id, await decode(await source.part(id, plan.scale)));
    }
    planes.push({ info, pixels: composePlane(plan.width, plan.height, info.items, (id) => decoded.get(id)!) });
    progress?.(planes.length, plan.planes.length);
  }
  return { ...plan, planes };
}
