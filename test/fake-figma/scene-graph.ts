// The document tree: ids, parent and child links, removal. Nodes keep their own properties and ask
// the graph about structure, so every move and removal goes through one place that enforces Figma's
// rules (no cycles, pages only under the document, empty groups delete themselves).
import { figmaError } from "./errors.js";
import type { FakeNode } from "./nodes.js";

export type NodeKind = "document" | "page" | "scene";

export class SceneGraph {
  #lastSceneId = 1;
  #lastPageId = 0;
  readonly #byId = new Map<string, FakeNode>();
  readonly #parent = new Map<FakeNode, FakeNode>();
  readonly #children = new Map<FakeNode, FakeNode[]>();
  readonly #removed = new Set<FakeNode>();
  readonly #removalListeners: ((removed: ReadonlySet<FakeNode>) => void)[] = [];
  #createdByPlugin: string[] = [];
  #userEditDepth = 0;

  // A new file has the document at 0:0 and its pages at 0:1, 0:2...; layers count up in session 1.
  register(node: FakeNode, kind: NodeKind): string {
    const id = kind === "document" ? "0:0" : kind === "page" ? `0:${++this.#lastPageId}` : `1:${++this.#lastSceneId}`;
    this.#byId.set(id, node);
    if (kind === "scene" && this.#userEditDepth === 0) this.#createdByPlugin.push(id);
    return id;
  }

  // What the test builds is the user's document, not the plugin's edits: it stays out of undo steps.
  asUser<T>(edit: () => T): T {
    this.#userEditDepth++;
    try {
      return edit();
    } finally {
      this.#userEditDepth--;
    }
  }

  // Ids of the layers the plugin created since the last call that still exist.
  takeCreatedByPlugin(): string[] {
    const created = this.#createdByPlugin.filter((id) => this.nodeById(id) !== null);
    this.#createdByPlugin = [];
    return created;
  }

  onRemove(listener: (removed: ReadonlySet<FakeNode>) => void): void {
    this.#removalListeners.push(listener);
  }

  nodeById(id: string): FakeNode | null {
    const node = this.#byId.get(id);
    return node && !this.#removed.has(node) ? node : null;
  }

  isRemoved(node: FakeNode): boolean {
    return this.#removed.has(node);
  }

  parentOf(node: FakeNode): FakeNode | null {
    return this.#parent.get(node) ?? null;
  }

  childrenOf(node: FakeNode): readonly FakeNode[] {
    return Object.freeze([...(this.#children.get(node) ?? [])]);
  }

  childCount(node: FakeNode): number {
    return this.#children.get(node)?.length ?? 0;
  }

  ancestorOfType(node: FakeNode, type: NodeType): FakeNode | null {
    for (let at = this.parentOf(node); at; at = this.parentOf(at)) if (at.type === type) return at;
    return null;
  }

  // The node whose coordinate space a layer's x and y are in: its nearest ancestor that is not a
  // group, because groups have no coordinate space of their own.
  containerOf(node: FakeNode): FakeNode | null {
    let at = this.parentOf(node);
    while (at && at.type === "GROUP") at = this.parentOf(at);
    return at;
  }

  sceneNodeCount(): number {
    let count = 0;
    for (const node of this.#byId.values())
      if (!this.#removed.has(node) && node.type !== "PAGE" && node.type !== "DOCUMENT") count++;
    return count;
  }

  insert(parent: FakeNode, index: number, child: FakeNode, operation: string): void {
    for (const node of [parent, child])
      if (this.#removed.has(node)) throw figmaError(operation, `The node with id "${node.id}" does not exist`);
    if ((parent.type === "DOCUMENT") !== (child.type === "PAGE") || child.type === "DOCUMENT") {
      throw figmaError(operation, `Cannot move a ${child.type} node into a ${parent.type} node`);
    }
    if (this.ancestorOfType(child, "INSTANCE")) throw figmaError(operation, "Cannot move a layer out of an instance");
    for (let at: FakeNode | null = parent; at; at = this.parentOf(at)) {
      if (at === child) throw figmaError(operation, "Cannot move a node inside itself or one of its descendants");
    }
    const count = this.childCount(parent);
    if (!Number.isInteger(index) || index < 0 || index > count)
      throw figmaError(operation, `Index ${index} is out of range 0..${count}`);
    this.#detach(child, parent);
    const siblings = this.#children.get(parent) ?? [];
    siblings.splice(Math.min(index, siblings.length), 0, child);
    this.#children.set(parent, siblings);
    this.#parent.set(child, parent);
  }

  remove(node: FakeNode): void {
    if (node.type === "DOCUMENT") throw figmaError("remove", "The document cannot be removed");
    const removed = new Set<FakeNode>();
    const collect = (at: FakeNode) => {
      removed.add(at);
      for (const child of this.#children.get(at) ?? []) collect(child);
    };
    collect(node);
    this.#detach(node);
    for (const at of removed) this.#removed.add(at);
    for (const listener of this.#removalListeners) listener(removed);
  }

  // A group left empty deletes itself, unless the child is only moving within that same group.
  #detach(child: FakeNode, destination?: FakeNode): void {
    const parent = this.#parent.get(child);
    if (!parent) return;
    const siblings = this.#children.get(parent)!;
    siblings.splice(siblings.indexOf(child), 1);
    this.#parent.delete(child);
    if (parent.type === "GROUP" && siblings.length === 0 && parent !== destination) this.remove(parent);
  }
}
