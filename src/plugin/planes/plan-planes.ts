// A frame's planes: its visible direct children bottom to top (or an opened group's or frame's
// children in its place), each planned as the exports it is composited from. Nothing in the
// document changes: every plane is made from exports of layers that are already there.
//   - A mask and the layers above it that it cuts stay one plane.
//   - A layer whose blend mode mixes it with the layers below is merged with all of them.
//   - A blend mode the UI cannot composite (hue, saturation, colour, luminosity) or a background
//     blur makes the whole frame one plane, Figma's own export of it.
import type { PixelBox, PlaneInfo, PlaneItem, PlanePart, PlanesAnswer } from "../../shared/planes.js";
import { exportPlan } from "../export-size.js";
import { hasPlainFills, isPhoto, mixesWithBelow, planeRole, soleSolidFills, whyNotOpen } from "./layer-traits.js";
import { colourPart, exportedPart, intersectBoxes, toPixels, type PlaneSpace } from "./plane-part.js";

const visible = (node: SceneNode) => node.visible;

interface Entry {
  nodes: SceneNode[];
  items: PlaneItem[];
  name: string;
}

interface Planner {
  space: PlaneSpace;
  open: ReadonlySet<string>;
  notes: string[];
  entries: Entry[];
  /** Set when a layer mixes with what is below in a way only Figma can draw. */
  unsupported: string | null;
}

const quote = (node: SceneNode) => `“${node.name}”`;
const modeName = (mode: string) => mode.toLowerCase().replace(/_/g, " ");

function collect(planner: Planner, children: readonly SceneNode[], clip: PixelBox | null): void {
  // A mask cuts every sibling above it, up to the next mask or the end of its container.
  let masked: { entry: Entry; parts: PlanePart[] } | null = null;
  for (const child of children.filter(visible)) {
    if (planner.open.has(child.id)) {
      const reason = whyNotOpen(child);
      if (!reason && !masked) {
        openContainer(planner, child, clip);
        continue;
      }
      planner.notes.push(`${quote(child)} stays one plane: ${reason ?? "a mask below it cuts it"}.`);
    }
    const part = exportedPart(child, planner.space, clip);
    if (!part) continue;
    if ("isMask" in child && child.isMask) {
      const entry: Entry = { nodes: [child], items: [], name: child.name };
      masked = { entry, parts: [] };
      entry.items.push({ kind: "masked", group: { mask: part, maskType: child.maskType, parts: masked.parts } });
      planner.entries.push(entry);
      continue;
    }
    if (masked) {
      masked.parts.push(part);
      masked.entry.nodes.push(child);
      continue;
    }
    const entry: Entry = { nodes: [child], items: [{ kind: "part", part }], name: child.name };
    const mixes = mixesWithBelow(child);
    if (mixes && !mixes.supported) planner.unsupported ??= `${quote(child)} uses ${modeName(mixes.mode)}`;
    if (mixes && planner.entries.length > 0) {
      planner.notes.push(
        `${quote(child)} uses the ${modeName(mixes.mode)} blend mode, which mixes it with the layers below: they ` +
          `are one plane.`,
      );
      const below = planner.entries.splice(0);
      entry.nodes.unshift(...below.flatMap((e) => e.nodes));
      entry.items.unshift(...below.flatMap((e) => e.items));
      entry.name = `${below[0]!.name} … ${child.name}`;
    }
    planner.entries.push(entry);
  }
}

function openContainer(planner: Planner, container: SceneNode, clip: PixelBox | null): void {
  const box = container.absoluteBoundingBox;
  if (!box) return;
  const own = soleSolidFills(container).map((paint) => colourPart(box, paint, planner.space, clip));
  if (own.length)
    planner.entries.push({
      nodes: [container],
      items: own.map((part) => ({ kind: "part", part })),
      name: container.name,
    });
  const clips = "clipsContent" in container && container.clipsContent;
  const inner = clips ? intersectBoxes(clip, toPixels(planner.space, box)) : clip;
  collect(planner, (container as SceneNode & ChildrenMixin).children, inner);
}

function boundsOf(items: readonly PlaneItem[], space: PlaneSpace): PixelBox {
  const parts = items.flatMap((item) => (item.kind === "part" ? [item.part] : [item.group.mask]));
  const cut = (part: PlanePart) =>
    intersectBoxes(
      { left: part.left, top: part.top, right: part.left + part.width, bottom: part.top + part.height },
      intersectBoxes(part.clip, { left: 0, top: 0, right: space.width, bottom: space.height }),
    )!;
  const boxes = parts.map(cut);
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

/** What the designer stored on a plane's layer (see plane-depth-data.ts). */
export interface StoredReader {
  depth(node: SceneNode): number | null;
  relief(node: SceneNode): boolean;
}

/** Plans the planes of `frame` at the size its export would have (`targetSize` on the long side). */
export function planPlanes(
  frame: SceneNode & ChildrenMixin,
  targetSize: number,
  open: ReadonlySet<string>,
  stored: StoredReader,
): PlanesAnswer {
  const box = frame.absoluteBoundingBox;
  if (!box || frame.width < 1 || frame.height < 1) throw new Error(`${quote(frame)} has no area.`);
  const plan = exportPlan(frame.width, frame.height, targetSize);
  const space: PlaneSpace = { origin: box, scale: plan.width / frame.width, width: plan.width, height: plan.height };
  const planner: Planner = { space, open, notes: [], entries: [], unsupported: null };
  // The frame's own plain fill is its bottom plane; what else it paints cannot be exported apart.
  if (!hasPlainFills(frame))
    planner.notes.push(`${quote(frame)}'s own fill is not a plain colour, so it is left out of the planes.`);
  openContainer(planner, frame, null);
  if (planner.unsupported) {
    const whole = exportedPart(frame, space, null);
    planner.entries = whole ? [{ nodes: [frame], items: [{ kind: "part", part: whole }], name: frame.name }] : [];
    planner.notes = [`${planner.unsupported}, which only Figma can draw: the whole frame is one plane.`];
  }
  const planes: PlaneInfo[] = planner.entries.map((entry, index) => {
    const photo = isPhoto(entry.nodes);
    return {
      key: entry.nodes[0]!.id,
      name: entry.name,
      nodeIds: entry.nodes.map((node) => node.id),
      items: entry.items,
      role: planeRole(entry.nodes, box, index === 0),
      bounds: boundsOf(entry.items, space),
      storedDepth: stored.depth(entry.nodes[0]!),
      photo,
      relief: photo && stored.relief(entry.nodes[0]!),
    };
  });
  return { width: plan.width, height: plan.height, scale: space.scale, planes, notes: planner.notes };
}
