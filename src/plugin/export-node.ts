// The bytes sent for a node: the image fill's own bytes when that image is all the node shows (no
// loss), otherwise a PNG export with the long side at the target size.
import type { ExportAnswer } from "../shared/messages.js";
import { exportPlan } from "./export-size.js";
import { pngSize, sniffImage } from "../shared/image-bytes.js";

const isVisible = (item: { visible?: boolean }) => item.visible !== false;

/** The node's one image paint when nothing else changes what it shows, else null. */
export function soleImagePaint(node: SceneNode): ImagePaint | null {
  if (!("fills" in node) || !Array.isArray(node.fills)) return null;
  const fills = (node.fills as readonly Paint[]).filter(isVisible);
  const paint = fills[0];
  if (fills.length !== 1 || paint?.type !== "IMAGE" || !paint.imageHash) return null;
  if (paint.scaleMode !== "FILL" && paint.scaleMode !== "FIT") return null;
  if ((paint.opacity ?? 1) < 1 || (paint.rotation ?? 0) !== 0) return null;
  if (paint.filters && Object.values(paint.filters).some((v) => v !== 0)) return null;
  if ("children" in node && node.children.some(isVisible)) return null;
  if ("strokes" in node && node.strokes.some(isVisible)) return null;
  if ("effects" in node && node.effects.some(isVisible)) return null;
  if ("opacity" in node && node.opacity < 1) return null;
  return paint;
}

type ImageType = ExportAnswer["contentType"];
const IMAGE_TYPES: readonly ImageType[] = ["image/png", "image/jpeg"];

/** The image fill's own file when it is all the node shows, uncropped, and of one of these types. */
export async function originalBytes(
  node: SceneNode,
  types: readonly ImageType[] = IMAGE_TYPES,
): Promise<ExportAnswer | null> {
  const paint = soleImagePaint(node);
  const image = paint?.imageHash ? figma.getImageByHash(paint.imageHash) : null;
  if (!image) return null;
  const [bytes, size] = await Promise.all([image.getBytesAsync(), image.getSizeAsync()]);
  const contentType = types.find((type) => type === sniffImage(bytes));
  // FILL crops an image whose shape differs from the layer's; then the layer shows less than the file.
  const sameShape = Math.abs(size.width / size.height - node.width / node.height) < 0.01;
  if (!contentType || !sameShape) return null;
  return { bytes, contentType, width: size.width, height: size.height, original: true };
}

export async function exportNode(node: SceneNode, targetSize: number): Promise<ExportAnswer> {
  return (await originalBytes(node)) ?? exportPng(node, targetSize);
}

/** What the node shows, as a PNG with its long side at the target size. */
export async function exportPng(node: SceneNode, targetSize: number): Promise<ExportAnswer> {
  const plan = exportPlan(node.width, node.height, targetSize);
  const bytes = await node.exportAsync({
    format: "PNG",
    constraint: plan.constraint,
    colorProfile: "SRGB",
  });
  return { bytes, contentType: "image/png", ...readableSize(bytes), original: false };
}

/** An empty or broken export would otherwise fail later with an engine message about byte offsets. */
function readableSize(bytes: Uint8Array): { width: number; height: number } {
  // 24 bytes: the PNG signature and the IHDR chunk up to the height.
  const size = bytes.length >= 24 && sniffImage(bytes) === "image/png" ? pngSize(bytes) : null;
  if (!size || size.width < 1 || size.height < 1) {
    throw new Error("it came back empty or could not be read");
  }
  return size;
}
