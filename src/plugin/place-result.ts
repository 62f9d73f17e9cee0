// Puts a result on the canvas beside its source, or refreshes the one already there, as one undo
// step; or says the one there already shows it, so that nothing changes and no undo step is added.
import type { PlaceAnswer, UiRequest, UpToDateAnswer } from "../shared/messages.js";
import { linkedResult, paintLinked, resultLink } from "./linked-result.js";
import { DATA, RELAUNCH, RESULT_SUFFIX } from "./plugin-data.js";

type PlaceRequest = Extract<UiRequest, { type: "place" }>;
type UpToDateRequest = Extract<UiRequest, { type: "upToDate" }>;

async function sceneNode(id: string): Promise<SceneNode | null> {
  const node = await figma.getNodeByIdAsync(id);
  return node && !node.removed && "visible" in node ? (node as SceneNode) : null;
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
export function listAsAssets(result: RectangleNode, source: SceneNode): void {
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

  const name = `${source.name} — ${RESULT_SUFFIX[request.kind]}`;
  const { rect, created } = await paintLinked(source, resultLink(request.kind), paint, name);
  if (created) {
    rect.setPluginData(DATA.kind, request.kind);
    rect.setRelaunchData(RELAUNCH);
    listAsAssets(rect, source);
  }
  rect.setPluginData(DATA.options, JSON.stringify(request.options));
  rect.setPluginData(DATA.resultId, request.resultId);
  rect.setPluginData(DATA.engine, request.engine ?? "immersity");
  rect.setPluginData(DATA.resultUrl, request.url ?? "");
  rect.setPluginData(DATA.contentType, request.contentType);
  rect.setPluginData(DATA.imageHash, hashOf(paint) ?? "");
  rect.setPluginData(DATA.madeAt, new Date().toISOString());
  figma.commitUndo();
  return { resultNodeId: rect.id, updated: !created };
}

const hashOf = (paint: Paint): string | null =>
  paint.type === "IMAGE" ? paint.imageHash : paint.type === "VIDEO" ? paint.videoHash : null;

/** True while the result shows just the fill it was placed with, as placing it would set it: one
 *  visible image or video, unfiltered, filling the layer at the source's size. */
function showsPlacedFill(rect: RectangleNode, source: SceneNode): boolean {
  const placed = rect.getPluginData(DATA.imageHash);
  const fills = Array.isArray(rect.fills) ? (rect.fills as readonly Paint[]) : [];
  const paint = fills[0];
  if (!placed || fills.length !== 1 || !paint || hashOf(paint) !== placed) return false;
  if (paint.visible === false || (paint.opacity ?? 1) !== 1) return false;
  if ((paint.type === "IMAGE" || paint.type === "VIDEO") && paint.scaleMode !== "FILL") return false;
  if (paint.type === "IMAGE" && paint.filters && Object.values(paint.filters).some((v) => v !== 0)) return false;
  return rect.width === source.width && rect.height === source.height;
}

/** The result of this kind placed for the source when it is this one and unchanged on the canvas:
 *  placing it again would change nothing. Reads only. */
export async function upToDate(request: UpToDateRequest): Promise<UpToDateAnswer> {
  const source = await sceneNode(request.nodeId);
  const rect = source ? await linkedResult(source, resultLink(request.kind)) : null;
  const same = rect !== null && rect.getPluginData(DATA.resultId) === request.resultId;
  return { resultNodeId: same && showsPlacedFill(rect, source!) ? rect.id : null };
}
