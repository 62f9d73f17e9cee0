// The image a result shows: the first image fill's, as Figma stores it.
export function imageOf(node: SceneNode): Image | null {
  const fills = "fills" in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : [];
  const paint = fills.find((p): p is ImagePaint => p.type === "IMAGE" && p.imageHash !== null);
  return paint?.imageHash ? figma.getImageByHash(paint.imageHash) : null;
}
