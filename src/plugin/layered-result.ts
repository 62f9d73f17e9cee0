// A frame's layered scene as a developer gets it: its "— Layer depth" map is the result and the
// frame its source; the planes' names and depths are planned from the frame's layers as the Layers
// panel plans them, at the map's pixel size, so the UI's planes of the frame are the same ones.
import type { HandoffResult } from "../shared/messages.js";
import { defaultPlaneDepths } from "../shared/plane-depth.js";
import { imageOf } from "./image-of.js";
import { LAYER_DEPTH } from "./planes/place-layer-depth.js";
import { framePlanes } from "./planes/serve-planes.js";
import { sourceNameOf } from "./plugin-data.js";

export const isLayeredResult = (node: BaseNode) => node.getPluginData(LAYER_DEPTH.of) !== "";

/** The frame a layer depth map was made of, while it is there and still linked to the map. */
export async function layeredFrameOf(node: SceneNode): Promise<(SceneNode & ChildrenMixin) | null> {
  const frame = await figma.getNodeByIdAsync(node.getPluginData(LAYER_DEPTH.of));
  const linked = frame && !frame.removed && frame.getPluginData(LAYER_DEPTH.result) === node.id;
  return linked && "children" in frame && "visible" in frame ? (frame as SceneNode & ChildrenMixin) : null;
}

async function mapSide(node: SceneNode): Promise<number> {
  const size = await imageOf(node)?.getSizeAsync();
  return Math.max(1, size ? Math.max(size.width, size.height) : Math.round(Math.max(node.width, node.height)));
}

async function planesOf(frame: SceneNode, side: number): Promise<HandoffResult["planes"]> {
  try {
    // The same answer the Layers panel and the export's planes get, with the designer's depths.
    const { planes } = await framePlanes(frame.id, side, []);
    const depths = defaultPlaneDepths(planes);
    return planes.map((plane, i) => ({ name: plane.name, depth: depths[i]! }));
  } catch {
    // A frame left with no area or a single layer has no planes; the map alone is still a depth map.
    return undefined;
  }
}

export async function layeredHandoffResult(node: SceneNode): Promise<HandoffResult> {
  const frame = await layeredFrameOf(node);
  const planes = frame ? await planesOf(frame, await mapSide(node)) : undefined;
  return {
    kind: "layered",
    sourceName: sourceNameOf(node, frame, "Layer depth"),
    options: {},
    hasDepthMap: true,
    ...(planes?.length ? { planes } : {}),
    width: Math.max(1, Math.round(node.width)),
    height: Math.max(1, Math.round(node.height)),
  };
}
