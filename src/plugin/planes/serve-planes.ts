// The sandbox's answers to the plane requests: the plan of a frame's planes, one layer's export at
// the planes' scale, and a plane's depth and relief stored on its layer.
import type { PlanesAnswer } from "../../shared/planes.js";
import { planPlanes } from "./plan-planes.js";
import { storedPlaneDepth, storedPlaneRelief, storePlaneDepth, storePlaneRelief } from "./plane-depth-data.js";

const FRAME_TYPES = new Set<NodeType>(["FRAME", "COMPONENT", "INSTANCE", "SECTION", "GROUP"]);

async function sceneNode(id: string): Promise<SceneNode> {
  const node = await figma.getNodeByIdAsync(id);
  if (!node || node.removed || !("visible" in node)) throw new Error("That layer no longer exists.");
  return node as SceneNode;
}

export async function framePlanes(nodeId: string, targetSize: number, open: readonly string[]): Promise<PlanesAnswer> {
  const frame = await sceneNode(nodeId);
  if (!FRAME_TYPES.has(frame.type) || !("children" in frame))
    throw new Error(`“${frame.name}” is not a frame, component or section: only those have layers to make planes of.`);
  const answer = planPlanes(frame, targetSize, new Set(open), { depth: storedPlaneDepth, relief: storedPlaneRelief });
  if (answer.planes.length === 0) throw new Error(`“${frame.name}” has no visible layers to make planes of.`);
  if (answer.planes.length === 1 && answer.planes[0]!.nodeIds.length === 1)
    throw new Error(`“${frame.name}” has one layer, so it has no depth of its own: make a depth map of it instead.`);
  return answer;
}

export function planePart(node: SceneNode, scale: number): Promise<{ bytes: Uint8Array }> {
  const settings: ExportSettingsImage = {
    format: "PNG",
    constraint: { type: "SCALE", value: scale },
    colorProfile: "SRGB",
  };
  // Figma's own message (often "memory access out of bounds") is kept, after which layer it was.
  return node.exportAsync(settings).then(
    (bytes) => ({ bytes }),
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`The layer “${node.name}” could not be exported (${reason}).`);
    },
  );
}

export async function setPlaneDepth(nodeId: string, depth: number | null): Promise<object> {
  storePlaneDepth(await sceneNode(nodeId), depth);
  return {};
}

export async function setPlaneRelief(nodeId: string, relief: boolean): Promise<object> {
  storePlaneRelief(await sceneNode(nodeId), relief);
  return {};
}
