/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// The `figma` object the plugin sees: the subset of PluginAPI the plugin uses, each member checked
// against the real typings (`implements Pick<PluginAPI, ...>`) except those that hand out nodes,
// which are typed with the fake node classes.
import type { FakeClientStorage } from "./client-storage.js";
import type { FakeCodegen } from "./codegen.js";
import { appendPage, FakeDocument, FakePage } from "./document.js";
import { figmaError } from "./errors.js";
import type { EventHub, Handler } from "./events.js";
import type { FakeImage, FakeVideo, MediaStore } from "./media-store.js";
import {
  FakeComponent,
  FakeFrame,
  FakeGroup,
  FakeRectangle,
  FakeSceneNode,
  FakeSection,
  type FakeNode,
  type FakeParentNode,
  type NodeEnv,
} from "./nodes.js";
import type { Notifier } from "./notify.js";
import type { FakeUi } from "./ui.js";
import type { FakeViewport } from "./viewport.js";

// One figma.commitUndo() call: how many layers the document had, and which layers the plugin created
// since the previous call (so "one undo step per placed result" can be checked).
export interface UndoStep {
  readonly nodeCount: number;
  readonly createdNodeIds: readonly string[];
}

export interface PluginApiParts {
  readonly env: NodeEnv;
  readonly media: MediaStore;
  readonly events: EventHub;
  readonly ui: FakeUi;
  readonly clientStorage: FakeClientStorage;
  readonly viewport: FakeViewport;
  readonly notifier: Notifier;
  readonly codegen: FakeCodegen;
}

export interface PluginApiSettings {
  readonly command: string;
  readonly editorType: "figma" | "dev";
  readonly mode: "default" | "codegen";
  readonly fileName: string;
  readonly pages: readonly string[];
}

type CheckedKeys =
  | "apiVersion"
  | "command"
  | "editorType"
  | "mixed"
  | "on"
  | "once"
  | "off"
  | "showUI"
  | "ui"
  | "clientStorage"
  | "notify"
  | "closePlugin"
  | "commitUndo"
  | "createImage"
  | "getImageByHash"
  | "createVideoAsync"
  | "mode"
  | "codegen";

export class FakePluginApi implements Pick<PluginAPI, CheckedKeys> {
  readonly apiVersion = "1.0.0";
  readonly editorType: "figma" | "dev";
  readonly mode: "default" | "codegen";
  readonly codegen: FakeCodegen;
  readonly mixed: PluginAPI["mixed"] = Symbol("figma.mixed") as PluginAPI["mixed"];
  readonly command: string;
  readonly root: FakeDocument;
  readonly ui: FakeUi;
  readonly clientStorage: FakeClientStorage;
  readonly viewport: FakeViewport;
  readonly #parts: PluginApiParts;
  readonly #undoSteps: UndoStep[] = [];
  #currentPage: FakePage;
  #closedWith: { message: string | undefined } | null = null;

  constructor(parts: PluginApiParts, settings: PluginApiSettings) {
    this.#parts = parts;
    this.command = settings.command;
    this.editorType = settings.editorType;
    this.mode = settings.mode;
    this.codegen = parts.codegen;
    this.ui = parts.ui;
    this.clientStorage = parts.clientStorage;
    this.viewport = parts.viewport;
    const { env } = parts;
    this.root = new FakeDocument(env, settings.fileName);
    // The plugin starts on the first page, already loaded; the others wait for loadAsync.
    const pages = settings.pages.map((name, i) => appendPage(env, this.root, name, i === 0));
    this.#currentPage = pages[0]!;
    env.graph.onRemove((removed) => {
      for (const page of this.root.children) page.forgetRemoved(removed);
    });
  }

  // Test side: each commitUndo call, and how the plugin closed (null while it runs).
  get undoSteps(): readonly UndoStep[] {
    return this.#undoSteps;
  }

  get closedWith(): { message: string | undefined } | null {
    return this.#closedWith;
  }

  get currentPage(): FakePage {
    return this.#currentPage;
  }

  set currentPage(page: FakePage) {
    if (this.#parts.env.documentAccess === "dynamic-page") {
      throw figmaError(
        "set_currentPage",
        "Cannot call with documentAccess: dynamic-page. Use figma.setCurrentPageAsync instead.",
      );
    }
    this.#switchTo(page);
  }

  async setCurrentPageAsync(page: FakePage): Promise<void> {
    await page.loadAsync();
    this.#switchTo(page);
  }

  #switchTo(page: FakePage): void {
    if (!(page instanceof FakePage) || page.removed) throw figmaError("set_currentPage", "Expected an existing page");
    if (page === this.#currentPage) return;
    this.#currentPage = page;
    this.#parts.events.emitLater("currentpagechange");
  }

  on(type: string, callback: Handler): void {
    this.#parts.events.on(type, callback);
  }

  once(type: string, callback: Handler): void {
    this.#parts.events.on(type, callback, true);
  }

  off(type: string, callback: Handler): void {
    this.#parts.events.off(type, callback);
  }

  showUI(html: string, options?: ShowUIOptions): void {
    if (this.codegen.generating) {
      throw figmaError("showUI", "figma.showUI is not allowed within the codegen generate callback");
    }
    this.ui.open(html, options);
  }

  notify(message: string, options?: NotificationOptions): NotificationHandler {
    return this.#parts.notifier.notify(message, options);
  }

  // Closing runs the "close" handlers and takes the UI down with the plugin.
  closePlugin(message?: string): void {
    if (this.#closedWith) return;
    this.#closedWith = { message };
    this.ui.close();
    this.#parts.events.emitTracked("close");
  }

  commitUndo(): void {
    const { graph } = this.#parts.env;
    this.#undoSteps.push({ nodeCount: graph.sceneNodeCount(), createdNodeIds: graph.takeCreatedByPlugin() });
  }

  async getNodeByIdAsync(id: string): Promise<FakeNode | null> {
    return this.#parts.env.graph.nodeById(id);
  }

  getNodeById(id: string): FakeNode | null {
    if (this.#parts.env.documentAccess === "dynamic-page") {
      throw figmaError(
        "getNodeById",
        "Cannot call with documentAccess: dynamic-page. Use figma.getNodeByIdAsync instead.",
      );
    }
    return this.#parts.env.graph.nodeById(id);
  }

  // New layers go to the end of the current page, at (0, 0), as in Figma.
  #onCurrentPage<T extends FakeSceneNode>(node: T, operation: string): T {
    const { graph } = this.#parts.env;
    graph.insert(this.#currentPage, graph.childCount(this.#currentPage), node, operation);
    return node;
  }

  createRectangle(): FakeRectangle {
    return this.#onCurrentPage(new FakeRectangle(this.#parts.env), "createRectangle");
  }

  createFrame(): FakeFrame {
    return this.#onCurrentPage(new FakeFrame(this.#parts.env), "createFrame");
  }

  createComponent(): FakeComponent {
    return this.#onCurrentPage(new FakeComponent(this.#parts.env), "createComponent");
  }

  createSection(): FakeSection {
    return this.#onCurrentPage(new FakeSection(this.#parts.env), "createSection");
  }

  createPage(): FakePage {
    return appendPage(this.#parts.env, this.root, "Page", true);
  }

  // Grouping never moves anything on screen: each node keeps its place on the canvas.
  group(nodes: ReadonlyArray<FakeSceneNode>, parent: FakeParentNode, index?: number): FakeGroup {
    if (!Array.isArray(nodes) || nodes.length === 0)
      throw figmaError("group", "First argument must be an array of at least one node");
    const { graph } = this.#parts.env;
    const group = new FakeGroup(this.#parts.env);
    graph.insert(parent, index ?? graph.childCount(parent), group, "group");
    for (const node of nodes) {
      const before = node.absoluteBoundingBox;
      graph.insert(group, graph.childCount(group), node, "group");
      const after = node.absoluteBoundingBox;
      node.x += before.x - after.x;
      node.y += before.y - after.y;
    }
    return group;
  }

  createImage(data: Uint8Array): FakeImage {
    return this.#parts.media.createImage(data);
  }

  getImageByHash(hash: string): FakeImage | null {
    return this.#parts.media.getImageByHash(hash);
  }

  createVideoAsync(data: Uint8Array): Promise<FakeVideo> {
    return this.#parts.media.createVideo(data);
  }
}
