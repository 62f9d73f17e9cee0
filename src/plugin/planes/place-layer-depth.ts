// Places a frame's flat layer depth map beside it as "<frame> — Layer depth", linked both ways in
// plugin data, or refreshes the one already there: one undo step, and nothing changes before the
// image is accepted.
import { paintLinked, type Link } from "../linked-result.js";
import { listAsAssets } from "../place-result.js";
import { DATA } from "../plugin-data.js";

/** On the map: the frame's id. On the frame: the map's id. */
export const LAYER_DEPTH = { of: "depthframe.layerDepthOf", result: "depthframe.result.layerDepth" } as const;

const LINK: Link = { onSource: LAYER_DEPTH.result, onResult: LAYER_DEPTH.of };

export async function placeLayerDepth(
  nodeId: string,
  bytes: Uint8Array,
): Promise<{ resultNodeId: string; updated: boolean }> {
  const frame = await figma.getNodeByIdAsync(nodeId);
  if (!frame || frame.removed || !("visible" in frame)) throw new Error("The frame no longer exists.");
  const source = frame as SceneNode;
  // createImage refuses a bad or too large image before the document is touched.
  const paint: ImagePaint = { type: "IMAGE", imageHash: figma.createImage(bytes).hash, scaleMode: "FILL" };
  const { rect, created } = await paintLinked(source, LINK, paint, `${source.name} — Layer depth`);
  rect.setPluginData(DATA.madeAt, new Date().toISOString());
  listAsAssets(rect, source);
  figma.commitUndo();
  return { resultNodeId: rect.id, updated: !created };
}
