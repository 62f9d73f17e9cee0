// Places a frame's flat layer depth map beside it as "<frame> — Layer depth", linked both ways in
// plugin data, or refreshes the one already there: one undo step, and nothing changes before the
// image is accepted.
import { hostFor, position } from "../place-result.js";
import { DATA } from "../plugin-data.js";

/** On the map: the frame's id. On the frame: the map's id. */
export const LAYER_DEPTH = { of: "depthframe.layerDepthOf", result: "depthframe.result.layerDepth" } as const;

async function existingMap(frame: SceneNode): Promise<RectangleNode | null> {
  const id = frame.getPluginData(LAYER_DEPTH.result);
  const node = id ? await figma.getNodeByIdAsync(id) : null;
  return node?.type === "RECTANGLE" && !node.removed && node.getPluginData(LAYER_DEPTH.of) === frame.id ? node : null;
}

export async function placeLayerDepth(
  nodeId: string,
  bytes: Uint8Array,
): Promise<{ resultNodeId: string; updated: boolean }> {
  const frame = await figma.getNodeByIdAsync(nodeId);
  if (!frame || frame.removed || !("visible" in frame)) throw new Error("The frame no longer exists.");
  const source = frame as SceneNode;
  // createImage refuses a bad or too large image before the document is touched.
  const paint: ImagePaint = { type: "IMAGE", imageHash: figma.createImage(bytes).hash, scaleMode: "FILL" };
  const found = await existingMap(source);
  const rect = found ?? figma.createRectangle();
  rect.fills = [paint];
  rect.resize(source.width, source.height);
  if (!found) {
    rect.name = `${source.name} — Layer depth`;
    const { parent, relative } = hostFor(source);
    const index = relative ? parent.children.indexOf(source) + 1 : parent.children.length;
    parent.insertChild(index, rect);
    position(rect, source, parent, relative);
    rect.setPluginData(LAYER_DEPTH.of, source.id);
    source.setPluginData(LAYER_DEPTH.result, rect.id);
  }
  rect.setPluginData(DATA.madeAt, new Date().toISOString());
  figma.commitUndo();
  return { resultNodeId: rect.id, updated: found !== null };
}
