// What the plane planner asks of a layer: whether it mixes with the layers below it (a blend mode
// or a background blur), whether the designer can open it into its children without changing how
// they look, and what kind of plane it makes (for its default depth).
import { PLANE_BLEND_MODES, type PlaneRole } from "../../shared/planes.js";

const SEPARATE = new Set<string>(["NORMAL", "PASS_THROUGH"]);
const VECTOR_TYPES = new Set<NodeType>(["VECTOR", "BOOLEAN_OPERATION", "STAR", "POLYGON", "LINE", "ELLIPSE"]);
/** A layer no bigger than this on both sides (in canvas units) counts as an icon. */
const ICON_SIDE = 48;

const visible = (item: { visible?: boolean }) => item.visible !== false;
const effectsOf = (node: SceneNode): readonly Effect[] => ("effects" in node ? node.effects.filter(visible) : []);
const modeOf = (node: SceneNode): BlendMode => ("blendMode" in node ? node.blendMode : "PASS_THROUGH");
const childrenOf = (node: SceneNode): readonly SceneNode[] =>
  "children" in node ? (node.children as readonly SceneNode[]).filter(visible) : [];

/** A pass-through container with nothing of its own lets its children blend with what is below it. */
function passesThrough(node: SceneNode): boolean {
  return modeOf(node) === "PASS_THROUGH" && (!("opacity" in node) || node.opacity === 1) && !effectsOf(node).length;
}

/** How the layer mixes with the layers below it: "no", a blend mode the UI composites, or "unsupported"
 *  (a non-separable blend mode or a background blur, which only Figma can draw). */
export function mixesWithBelow(node: SceneNode): { mode: BlendMode; supported: boolean } | null {
  if (effectsOf(node).some((effect) => effect.type === "BACKGROUND_BLUR"))
    return { mode: modeOf(node), supported: false };
  const mode = modeOf(node);
  if (!SEPARATE.has(mode)) return { mode, supported: (PLANE_BLEND_MODES as readonly string[]).includes(mode) };
  if ("children" in node && passesThrough(node)) {
    for (const child of childrenOf(node)) {
      const mixes = mixesWithBelow(child);
      if (mixes) return mixes;
    }
  }
  return null;
}

/** Why the container cannot be opened into planes without changing what it shows, or null if it can. */
export function whyNotOpen(node: SceneNode): string | null {
  if (!("children" in node) || node.type === "INSTANCE" || node.type === "SECTION") return "it has no layers to open";
  if ("opacity" in node && node.opacity < 1) return "its opacity applies to its layers together";
  if (effectsOf(node).length) return "its effects apply to its layers together";
  if (!SEPARATE.has(modeOf(node))) return "its blend mode applies to its layers together";
  if ("rotation" in node && node.rotation !== 0) return "it is rotated";
  if (node.type === "GROUP") return null;
  if ("strokes" in node && node.strokes.some(visible)) return "its stroke would be lost";
  if ("cornerRadius" in node && node.cornerRadius !== 0) return "its rounded corners would be lost";
  if (!hasPlainFills(node)) return "only a plain colour fill can be kept apart from its layers";
  return null;
}

/** Only solid fills in the normal blend mode: the UI can paint them without an export. */
export function hasPlainFills(node: SceneNode): boolean {
  const fills = "fills" in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : [];
  return fills.every(
    (paint) => !visible(paint) || (paint.type === "SOLID" && SEPARATE.has(paint.blendMode ?? "NORMAL")),
  );
}

export function soleSolidFills(node: SceneNode): SolidPaint[] {
  if (!("fills" in node) || !Array.isArray(node.fills)) return [];
  return (node.fills as readonly Paint[]).filter((p): p is SolidPaint => visible(p) && p.type === "SOLID");
}

export function hasImageFill(node: SceneNode): boolean {
  const fills = "fills" in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : [];
  return fills.some((paint) => paint.type === "IMAGE" && visible(paint));
}

/** The role of a plane made of these layers; `frame` is the selected frame's box. */
export function planeRole(nodes: readonly SceneNode[], frame: Rect, bottom: boolean): PlaneRole {
  const box = nodes[0]!.absoluteBoundingBox;
  const covers =
    box &&
    box.x <= frame.x + 0.5 &&
    box.y <= frame.y + 0.5 &&
    box.x + box.width >= frame.x + frame.width - 0.5 &&
    box.y + box.height >= frame.y + frame.height - 0.5;
  if (bottom && covers) return "background";
  if (nodes.every((node) => node.type === "TEXT")) return "text";
  const small = nodes.every((node) => node.width <= ICON_SIDE && node.height <= ICON_SIDE);
  if (nodes.length === 1 && (VECTOR_TYPES.has(nodes[0]!.type) || small)) return "icon";
  return "layer";
}

/** A plane that is one layer whose image fill covers most of what it paints: a photo for relief. */
export function isPhoto(nodes: readonly SceneNode[]): boolean {
  const node = nodes[0]!;
  if (nodes.length !== 1 || !hasImageFill(node)) return false;
  const painted = "absoluteRenderBounds" in node ? node.absoluteRenderBounds : null;
  if (!painted) return false;
  return node.width * node.height >= 0.5 * painted.width * painted.height;
}
