/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// The document root and its pages. Under documentAccess "dynamic-page" a page other than the one the
// plugin started on must be loaded (loadAsync) before its children can be read.
import { figmaError } from "./errors.js";
import { FakeNode, FakeSceneNode, withChildren, type NodeEnv } from "./nodes.js";

type BaseKeys =
  | "id"
  | "type"
  | "name"
  | "removed"
  | "toString"
  | "getPluginData"
  | "setPluginData"
  | "getPluginDataKeys"
  | "setRelaunchData"
  | "getRelaunchData";

export class FakePage extends withChildren(FakeNode) implements Pick<PageNode, BaseKeys | "loadAsync"> {
  readonly type = "PAGE";
  #loaded: boolean;
  #selection: readonly FakeSceneNode[] = [];

  constructor(env: NodeEnv, name: string, loaded: boolean) {
    super(env, "page", name);
    this.#loaded = loaded;
  }

  async loadAsync(): Promise<void> {
    this.live("loadAsync").#loaded = true;
  }

  protected override childAccess(operation: string): this {
    const page = this.live(operation);
    if (this.env.documentAccess === "dynamic-page" && !this.#loaded) {
      throw figmaError(
        operation,
        "Cannot access children on a page that has not been explicitly loaded. Remember to call `await " +
          "page.loadAsync()` or `await figma.loadAllPagesAsync()` first",
      );
    }
    return page;
  }

  // A new read-only array each time, as in Figma.
  get selection(): ReadonlyArray<FakeSceneNode> {
    return Object.freeze([...this.live("get_selection").#selection]);
  }

  // Figma de-duplicates the nodes and keeps only directly selected ones (never a node together with
  // one of its descendants); the change is announced by a selectionchange event, later.
  set selection(nodes: ReadonlyArray<FakeSceneNode>) {
    this.live("set_selection");
    const unique = [...new Set(nodes)];
    for (const node of unique) {
      if (!(node instanceof FakeSceneNode) || node.removed)
        throw figmaError("set_selection", "Expected an array of existing scene nodes");
      if (this.env.graph.ancestorOfType(node, "PAGE") !== this)
        throw figmaError("set_selection", `Node ${node.id} is not on page ${this.id}`);
    }
    const chosen = new Set<FakeNode>(unique);
    const isInsideChosen = (node: FakeNode) => {
      for (let at = this.env.graph.parentOf(node); at; at = this.env.graph.parentOf(at))
        if (chosen.has(at)) return true;
      return false;
    };
    this.#replaceSelection(unique.filter((node) => !isInsideChosen(node)));
  }

  // Removed nodes leave the selection (see the SceneGraph's removal listener).
  forgetRemoved(removed: ReadonlySet<FakeNode>): void {
    this.#replaceSelection(this.#selection.filter((node) => !removed.has(node)));
  }

  #replaceSelection(next: readonly FakeSceneNode[]): void {
    const same = next.length === this.#selection.length && next.every((node) => this.#selection.includes(node));
    this.#selection = next;
    if (!same) this.env.selectionChanged(this);
  }

  exportAsync(settings?: ExportSettings): Promise<Uint8Array> {
    return this.env.exportNode(this.live("exportAsync"), settings);
  }
}

// New pages go last in the document.
export function appendPage(env: NodeEnv, root: FakeDocument, name: string, loaded: boolean): FakePage {
  const page = new FakePage(env, name, loaded);
  env.graph.insert(root, env.graph.childCount(root), page, "createPage");
  return page;
}

export class FakeDocument extends FakeNode implements Pick<DocumentNode, BaseKeys | "documentColorProfile"> {
  readonly type = "DOCUMENT";
  readonly documentColorProfile = "SRGB";

  constructor(env: NodeEnv, name: string) {
    super(env, "document", name);
  }

  get children(): ReadonlyArray<FakePage> {
    return this.env.graph.childrenOf(this.live("get_children")) as ReadonlyArray<FakePage>;
  }
}
