// A rectangle placed beside its source and linked to it both ways in plugin data: found again while
// the two still point at each other, made and placed when there is none.
import type { ResultKind } from "../shared/messages.js";
import { besideWithoutOverlap, type Box } from "./layout.js";
import { pageOf } from "./page-of.js";
import { DATA } from "./plugin-data.js";

/** The plugin data keys that link a source and its result: on the source the result's id, on the
 *  result the source's id. A copy of either points at a node that does not point back. */
export interface Link {
  onSource: string;
  onResult: string;
}

export const resultLink = (kind: ResultKind): Link => ({ onSource: DATA.resultOf(kind), onResult: DATA.sourceId });

type Parent = BaseNode & ChildrenMixin;

/** The result linked to this source, if it still exists and still points back at it. */
export async function linkedResult(source: SceneNode, link: Link): Promise<RectangleNode | null> {
  const id = source.getPluginData(link.onSource);
  const node = id ? await figma.getNodeByIdAsync(id) : null;
  if (node?.type !== "RECTANGLE" || node.removed) return null;
  return node.getPluginData(link.onResult) === source.id ? node : null;
}

const box = (node: SceneNode): Box => ({ x: node.x, y: node.y, width: node.width, height: node.height });

/** Instances cannot take new children; results of layers inside one go on the page, in absolute coordinates. */
function hostFor(source: SceneNode): { parent: Parent; relative: boolean } {
  for (let p = source.parent; p && p.type !== "PAGE"; p = p.parent) {
    if (p.type === "INSTANCE") return { parent: pageOf(source) ?? figma.currentPage, relative: false };
  }
  return { parent: source.parent ?? figma.currentPage, relative: true };
}

function position(rect: RectangleNode, source: SceneNode, parent: Parent, relative: boolean): void {
  if ("layoutMode" in parent && parent.layoutMode !== "NONE") return; // auto layout places it after the source
  const sourceBox = relative ? box(source) : { ...box(source), ...(source.absoluteBoundingBox ?? {}) };
  const siblings = parent.children.filter((n) => n !== source && n !== rect && n.visible).map(box);
  const spot = besideWithoutOverlap(sourceBox, siblings);
  rect.x = spot.x;
  rect.y = spot.y;
}

/** Fills the source's linked rectangle with the paint at the source's size; a new one is named, put
 *  right after the source (past siblings in the way) and linked. `created` tells which it was. */
export async function paintLinked(
  source: SceneNode,
  link: Link,
  paint: Paint,
  name: string,
): Promise<{ rect: RectangleNode; created: boolean }> {
  const found = await linkedResult(source, link);
  const rect = found ?? figma.createRectangle();
  rect.fills = [paint];
  rect.resize(source.width, source.height);
  if (!found) {
    rect.name = name;
    const { parent, relative } = hostFor(source);
    const index = relative ? parent.children.indexOf(source) + 1 : parent.children.length;
    parent.insertChild(index, rect);
    position(rect, source, parent, relative);
    rect.setPluginData(link.onResult, source.id);
    source.setPluginData(link.onSource, rect.id);
  }
  return { rect, created: !found };
}
