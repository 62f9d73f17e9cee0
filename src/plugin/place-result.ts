// Puts a result on the canvas beside its source, or refreshes the one already there, as one undo step.
import type { PlaceAnswer, UiRequest } from "../shared/messages.js";
import { besideWithoutOverlap, type Box } from "./layout.js";
import { pageOf } from "./page-of.js";
import { DATA, RELAUNCH, RESULT_SUFFIX } from "./plugin-data.js";

type PlaceRequest = Extract<UiRequest, { type: "place" }>;
type Parent = BaseNode & ChildrenMixin;

async function sceneNode(id: string): Promise<SceneNode | null> {
  const node = await figma.getNodeByIdAsync(id);
  return node && !node.removed && "visible" in node ? (node as SceneNode) : null;
}

/** The result made earlier for this source, if it still exists and still points back at it. */
async function existingResult(source: SceneNode, kind: PlaceRequest["kind"]): Promise<RectangleNode | null> {
  const id = source.getPluginData(DATA.resultOf(kind));
  const node = id ? await sceneNode(id) : null;
  return node?.type === "RECTANGLE" && node.getPluginData(DATA.sourceId) === source.id ? node : null;
}

const box = (node: SceneNode): Box => ({
  x: node.x,
  y: node.y,
  width: node.width,
  height: node.height,
});

/** Instances cannot take new children; results of layers inside one go on the page, in absolute coordinates. */
export function hostFor(source: SceneNode): { parent: Parent; relative: boolean } {
  for (let p = source.parent; p && p.type !== "PAGE"; p = p.parent) {
    if (p.type === "INSTANCE") return { parent: pageOf(source) ?? figma.currentPage, relative: false };
  }
  return { parent: source.parent ?? figma.currentPage, relative: true };
}

export function position(rect: RectangleNode, source: SceneNode, parent: Parent, relative: boolean): void {
  if ("layoutMode" in parent && parent.layoutMode !== "NONE") return; // auto layout places it after the source
  const sourceBox = relative ? box(source) : { ...box(source), ...(source.absoluteBoundingBox ?? {}) };
  const siblings = parent.children.filter((n) => n !== source && n !== rect && n.visible).map(box);
  const spot = besideWithoutOverlap(sourceBox, siblings);
  rect.x = spot.x;
  rect.y = spot.y;
}

/** An image fill for PNG, JPEG and GIF, a video fill for MP4 and WebM; made before anything changes in the document. */
async function paintOf(request: PlaceRequest): Promise<Paint | { videoRefused: string }> {
  if (!request.contentType.startsWith("video/"))
    return { type: "IMAGE", imageHash: figma.createImage(request.bytes).hash, scaleMode: "FILL" };
  try {
    const video = await figma.createVideoAsync(request.bytes);
    return { type: "VIDEO", videoHash: video.hash, scaleMode: "FILL" };
  } catch (error) {
    // Starter-team files cannot take new videos; the UI then asks for a GIF of the same animation.
    return { videoRefused: error instanceof Error ? error.message : String(error) };
  }
}

/** Dev Mode lists layers with export settings as assets: the result, and the source unless the
 *  designer already chose how it exports. */
function listAsAssets(result: RectangleNode, source: SceneNode): void {
  result.exportSettings = [PNG_EXPORT];
  if ("exportSettings" in source && source.exportSettings.length === 0) {
    source.exportSettings = [PNG_EXPORT];
  }
}

const PNG_EXPORT: ExportSettingsImage = { format: "PNG", constraint: { type: "SCALE", value: 1 } };

export async function placeResult(request: PlaceRequest): Promise<PlaceAnswer> {
  const source = await sceneNode(request.nodeId);
  if (!source) throw new Error("The source layer no longer exists.");
  const paint = await paintOf(request);
  if ("videoRefused" in paint) return paint;

  const found = await existingResult(source, request.kind);
  const rect = found ?? figma.createRectangle();
  rect.fills = [paint];
  rect.resize(source.width, source.height);
  if (!found) {
    rect.name = `${source.name} — ${RESULT_SUFFIX[request.kind]}`;
    const { parent, relative } = hostFor(source);
    const index = relative ? parent.children.indexOf(source) + 1 : parent.children.length;
    parent.insertChild(index, rect);
    position(rect, source, parent, relative);
    rect.setPluginData(DATA.sourceId, source.id);
    rect.setPluginData(DATA.kind, request.kind);
    rect.setRelaunchData(RELAUNCH);
    source.setPluginData(DATA.resultOf(request.kind), rect.id);
    listAsAssets(rect, source);
  }
  rect.setPluginData(DATA.options, JSON.stringify(request.options));
  rect.setPluginData(DATA.resultId, request.resultId);
  rect.setPluginData(DATA.engine, request.engine ?? "immersity");
  rect.setPluginData(DATA.resultUrl, request.url ?? "");
  rect.setPluginData(DATA.contentType, request.contentType);
  rect.setPluginData(DATA.imageHash, paint.type === "IMAGE" ? (paint.imageHash ?? "") : "");
  rect.setPluginData(DATA.madeAt, new Date().toISOString());
  figma.commitUndo();
  return { resultNodeId: rect.id, updated: found !== null };
}
