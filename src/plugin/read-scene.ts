// A layer's image and its placed depth map, read from the canvas for the UI's local preview: no
// network, no credits.
import type { SceneAnswer, SceneDepth } from "../shared/messages.js";
import { exportNode, exportPng, originalBytes, soleImagePaint } from "./export-node.js";
import { pageOf } from "./page-of.js";
import { linkedResult, resultLink } from "./linked-result.js";
import { DATA } from "./plugin-data.js";

/** False while the layer shows just the image it was placed with. Results placed before the hash was
 *  recorded have none to compare: a sole image fill is taken as the one placed. */
export function isEdited(result: SceneNode): boolean {
  const paint = soleImagePaint(result);
  if (!paint) return true;
  const placed = result.getPluginData(DATA.imageHash);
  return placed !== "" && paint.imageHash !== placed;
}

async function readDepth(result: SceneNode, targetSize: number): Promise<SceneDepth> {
  await pageOf(result)?.loadAsync();
  const edited = isEdited(result);
  // The file itself keeps a 16-bit map at full precision, where an export would give 8 bits; a
  // designer's own image in its place is read the same way when it is a PNG that fills the layer.
  const read = (await originalBytes(result, ["image/png"])) ?? (await exportPng(result, targetSize));
  return { bytes: read.bytes, width: read.width, height: read.height, nodeId: result.id, edited };
}

export async function readScene(source: SceneNode, targetSize: number): Promise<SceneAnswer> {
  const image = await exportNode(source, targetSize);
  const result = await linkedResult(source, resultLink("depth"));
  return { image, depth: result ? await readDepth(result, targetSize) : null };
}
