// Which selected layers can become depth maps, and why the others are skipped.
import {
  PlacedDepth,
  ResultItem,
  ResultKind,
  type LayeredItem,
  type SelectionItem,
  type SkippedItem,
} from "../shared/messages.js";
import { exportPlan, THUMBNAIL_SIDE } from "./export-size.js";
import { isLayeredResult, layeredFrameOf } from "./layered-result.js";
import { DATA, isResultNode } from "./plugin-data.js";
import { placedDepthNode } from "./read-scene.js";

const CONTAINER_TYPES = new Set<NodeType>(["FRAME", "COMPONENT", "INSTANCE", "GROUP", "SECTION"]);

export function hasImageFill(node: SceneNode): boolean {
  const fills = "fills" in node ? node.fills : [];
  return Array.isArray(fills) && fills.some((paint: Paint) => paint.type === "IMAGE" && paint.visible !== false);
}

/** Null when the node can be used, else the reason in a few words. */
export function skipReason(node: SceneNode): string | null {
  if (node.width < 1 || node.height < 1) return "It has no area.";
  if (CONTAINER_TYPES.has(node.type) || hasImageFill(node)) return null;
  return `${node.type.toLowerCase().replace(/_/g, " ")} layers are not supported: select a frame, group or image.`;
}

async function thumbnail(node: SceneNode): Promise<Uint8Array | null> {
  try {
    const plan = exportPlan(node.width, node.height, THUMBNAIL_SIDE);
    return await node.exportAsync({
      format: "PNG",
      constraint: plan.constraint,
      colorProfile: "SRGB",
    });
  } catch {
    // A layer that cannot be rendered still gets listed; it simply has no preview.
    return null;
  }
}

/** The depth map placed for this layer, read back from its plugin data, if it is still there. */
async function placedDepth(node: SceneNode): Promise<PlacedDepth | null> {
  const result = await placedDepthNode(node);
  if (!result) return null;
  try {
    const parsed = PlacedDepth.safeParse({
      resultId: result.getPluginData(DATA.resultId),
      options: JSON.parse(result.getPluginData(DATA.options)),
    });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A selected result as the UI shows it; null when its source is gone or its record unreadable. */
async function describeResult(node: SceneNode): Promise<ResultItem | null> {
  const source = await figma.getNodeByIdAsync(node.getPluginData(DATA.sourceId));
  if (!source || source.removed) return null;
  try {
    const parsed = ResultItem.safeParse({
      nodeId: node.id,
      name: node.name,
      kind: ResultKind.parse(node.getPluginData(DATA.kind)),
      sourceId: source.id,
      sourceName: source.name,
      options: JSON.parse(node.getPluginData(DATA.options)),
      engine: node.getPluginData(DATA.engine) || "immersity",
      madeAt: node.getPluginData(DATA.madeAt) || null,
    });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface SelectionDescription {
  items: SelectionItem[];
  skipped: SkippedItem[];
  results: ResultItem[];
  layered: LayeredItem[];
}

export async function describeSelection(nodes: readonly SceneNode[]): Promise<SelectionDescription> {
  const items: SelectionItem[] = [];
  const skipped: SkippedItem[] = [];
  const results: ResultItem[] = [];
  const layered: LayeredItem[] = [];
  for (const node of nodes) {
    // A layer depth map of a frame still there is that frame's layered scene, handed off whole.
    const frame = isLayeredResult(node) ? await layeredFrameOf(node) : null;
    if (frame) {
      layered.push({ nodeId: node.id, name: node.name, sourceId: frame.id, sourceName: frame.name });
      continue;
    }
    if (isResultNode(node)) {
      const result = await describeResult(node);
      if (result) results.push(result);
      else
        skipped.push({
          nodeId: node.id,
          name: node.name,
          reason: "Its source layer is gone, so it cannot be made again.",
        });
      continue;
    }
    const reason = skipReason(node);
    if (reason) skipped.push({ nodeId: node.id, name: node.name, reason });
    else {
      items.push({
        nodeId: node.id,
        name: node.name,
        width: node.width,
        height: node.height,
        thumbnail: await thumbnail(node),
        depth: await placedDepth(node),
      });
    }
  }
  return { items, skipped, results, layered };
}
