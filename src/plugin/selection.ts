// Which selected layers can become depth maps, and why the others are skipped.
import { PlacedDepth, type SelectionItem, type SkippedItem } from "../shared/messages.js";
import { exportPlan, THUMBNAIL_SIDE } from "./export-size.js";
import { DATA, isResultNode } from "./plugin-data.js";

const CONTAINER_TYPES = new Set<NodeType>(["FRAME", "COMPONENT", "INSTANCE", "GROUP", "SECTION"]);

export function hasImageFill(node: SceneNode): boolean {
  const fills = "fills" in node ? node.fills : [];
  return Array.isArray(fills) && fills.some((paint: Paint) => paint.type === "IMAGE" && paint.visible !== false);
}

/** Null when the node can be used, else the reason in a few words. */
export function skipReason(node: SceneNode): string | null {
  if (isResultNode(node)) return "It is a Depthframe result: use Regenerate on it instead.";
  if (node.width < 1 || node.height < 1) return "It has no area.";
  if (CONTAINER_TYPES.has(node.type) || hasImageFill(node)) return null;
  return `${node.type.toLowerCase().replace(/_/g, " ")} layers are not supported: select a frame, group or image.`;
}

async function thumbnail(node: SceneNode): Promise<Uint8Array | null> {
  try {
    const plan = exportPlan(node.width, node.height, THUMBNAIL_SIDE);
    return await node.exportAsync({ format: "PNG", constraint: plan.constraint, colorProfile: "SRGB" });
  } catch {
    // A layer that cannot be rendered still gets listed; it simply has no preview.
    return null;
  }
}

/** The depth map placed for this layer, read back from its plugin data, if it is still there. */
async function placedDepth(node: SceneNode): Promise<PlacedDepth | null> {
  const id = node.getPluginData(DATA.resultOf("depth"));
  const result = id ? await figma.getNodeByIdAsync(id) : null;
  if (!result || result.removed || result.getPluginData(DATA.sourceId) !== node.id) return null;
  try {
    const parsed = PlacedDepth.safeParse({ resultId: result.getPluginData(DATA.resultId), options: JSON.parse(result.getPluginData(DATA.options)) });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function describeSelection(nodes: readonly SceneNode[]): Promise<{ items: SelectionItem[]; skipped: SkippedItem[] }> {
  const items: SelectionItem[] = [];
  const skipped: SkippedItem[] = [];
  for (const node of nodes) {
    const reason = skipReason(node);
    if (reason) skipped.push({ nodeId: node.id, name: node.name, reason });
    else {
      items.push({ nodeId: node.id, name: node.name, width: node.width, height: node.height, thumbnail: await thumbnail(node), depth: await placedDepth(node) });
    }
  }
  return { items, skipped };
}
