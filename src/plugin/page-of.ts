/** The page a node is on; null for a removed node or the document itself. */
export function pageOf(node: BaseNode): PageNode | null {
  let n: BaseNode | null = node;
  while (n && n.type !== "PAGE") n = n.parent;
  return n?.type === "PAGE" ? n : null;
}
