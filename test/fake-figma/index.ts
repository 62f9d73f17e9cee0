/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// A faithful fake of Figma's plugin API (`figma`) for the subset Depthframe uses, for unit tests in
// Node and for the browser host that runs the built plugin. It uses no Node API.
//
//   const fake = createFakeFigma({ command: "generate" });
//   const frame = fake.addFrame({ name: "Card", width: 400, height: 300 });
//   const restore = fake.install();           // globalThis.figma and __html__
//   ... run the plugin, then look at fake.ui.sent, fake.undoSteps, fake.notifications ...
import { CanvasBuilder } from "./canvas.js";
import { FakeClientStorage } from "./client-storage.js";
import { FakeCodegen } from "./codegen.js";
import type { FakePage } from "./document.js";
import { EventHub } from "./events.js";
import { DEFAULT_MAX_EXPORT_PIXELS, Exporter, type ExportRecord } from "./export.js";
import { MediaStore } from "./media-store.js";
import type { DocumentAccess, NodeEnv } from "./nodes.js";
import { Notifier, type NotificationRecord } from "./notify.js";
import { FakePluginApi, type UndoStep } from "./plugin-api.js";
import { SceneGraph } from "./scene-graph.js";
import { FakeUi } from "./ui.js";
import { FakeViewport } from "./viewport.js";

export interface FakeFigmaOptions {
  // figma.command: the menu command or relaunch button the plugin was started with.
  readonly command?: string;
  // "dev" with mode "codegen" plays the plugin in Dev Mode's Code section.
  readonly editorType?: "figma" | "dev";
  readonly mode?: "default" | "codegen";
  // "dynamic-page" (the default, as the manifest asks) refuses the synchronous getters.
  readonly documentAccess?: DocumentAccess;
  // The manifest id; an empty string plays a plugin without one (setPluginData refuses).
  readonly pluginId?: string;
  readonly fileName?: string;
  // Page names; the plugin starts on the first, the others are not loaded.
  readonly pages?: readonly string[];
  // False plays a file in a Starter team, where createVideoAsync is refused.
  readonly videoAllowed?: boolean;
  // Exports above this many pixels fail with "memory access out of bounds".
  readonly maxExportPixels?: number;
  // Pass the storage of an earlier fake to play the plugin being run again.
  readonly clientStorage?: FakeClientStorage;
  // Receives each message the plugin posts to its UI (already cloned).
  readonly onPostMessage?: (message: unknown) => void;
  // What install() puts in __html__, the plugin's UI file.
  readonly html?: string;
}

interface FakeFigmaParts {
  readonly api: FakePluginApi;
  readonly env: NodeEnv;
  readonly events: EventHub;
  readonly notifier: Notifier;
  readonly exporter: Exporter;
  readonly html: string;
}

export class FakeFigma extends CanvasBuilder {
  // The object to install as the `figma` global, typed as the real API.
  readonly figma: PluginAPI;
  readonly ui: FakeUi;
  readonly clientStorage: FakeClientStorage;
  readonly viewport: FakeViewport;
  readonly #parts: FakeFigmaParts;

  constructor(parts: FakeFigmaParts) {
    super(parts.api, parts.env);
    this.#parts = parts;
    // The fake implements only the members the plugin uses, so the full interface is asserted here.
    this.figma = parts.api as unknown as PluginAPI;
    this.ui = parts.api.ui;
    this.clientStorage = parts.api.clientStorage;
    this.viewport = parts.api.viewport;
  }

  get notifications(): readonly NotificationRecord[] {
    return this.#parts.notifier.records;
  }

  get undoSteps(): readonly UndoStep[] {
    return this.api.undoSteps;
  }

  get exports(): readonly ExportRecord[] {
    return this.#parts.exporter.records;
  }

  // How the plugin closed, or null while it runs.
  get closed(): { message: string | undefined } | null {
    return this.api.closedWith;
  }

  // A message from the plugin's UI; settles when the plugin's handlers have.
  deliverFromUi(message: unknown, origin?: string): Promise<void> {
    return this.ui.deliver(message, origin);
  }

  // Figma's "run" event, which follows the plugin's top-level code.
  fireRun(): Promise<void> {
    return this.#parts.events.emit("run", { command: this.api.command });
  }

  // Waits for events Figma sends later (selectionchange, currentpagechange, close) and rethrows
  // the first failure of a handler.
  flush(): Promise<void> {
    return this.#parts.events.flush();
  }

  // Puts `figma` and `__html__` on globalThis, as the plugin sandbox has them; returns the undo.
  install(): () => void {
    const globals = globalThis as Record<string, unknown>;
    const installed = { figma: this.figma, __html__: this.#parts.html };
    const previous = Object.keys(installed).map(
      (name) => [name, Object.getOwnPropertyDescriptor(globals, name)] as const,
    );
    Object.assign(globals, installed);
    return () => {
      for (const [name, descriptor] of previous) {
        if (descriptor) Object.defineProperty(globals, name, descriptor);
        else delete globals[name];
      }
    };
  }
}

export function createFakeFigma(options: FakeFigmaOptions = {}): FakeFigma {
  const graph = new SceneGraph();
  const media = new MediaStore(options.videoAllowed ?? true);
  const exporter = new Exporter(graph, media, options.maxExportPixels ?? DEFAULT_MAX_EXPORT_PIXELS);
  const events = new EventHub();
  const notifier = new Notifier();
  // The env's callbacks read `api`, declared below: nothing calls them while it is being built.
  const env: NodeEnv = {
    graph,
    pluginId: options.pluginId ?? "fake-plugin-id",
    documentAccess: options.documentAccess ?? "dynamic-page",
    currentPage: () => api.currentPage,
    exportNode: (node, settings) => exporter.export(node, settings),
    selectionChanged: (page: FakePage) => {
      if (page === api.currentPage) events.emitLater("selectionchange");
    },
  };
  const api: FakePluginApi = new FakePluginApi(
    {
      env,
      media,
      events,
      notifier,
      ui: new FakeUi(options.onPostMessage),
      clientStorage: options.clientStorage ?? new FakeClientStorage(),
      viewport: new FakeViewport(),
      codegen: new FakeCodegen(),
    },
    {
      command: options.command ?? "",
      editorType: options.editorType ?? (options.mode === "codegen" ? "dev" : "figma"),
      mode: options.mode ?? "default",
      fileName: options.fileName ?? "Untitled",
      pages: options.pages ?? ["Page 1"],
    },
  );
  return new FakeFigma({
    api,
    env,
    events,
    notifier,
    exporter,
    html: options.html ?? "<!doctype html><title>fake-figma UI</title>",
  });
}

export { CanvasBuilder, type FrameSpec, type ImageLayerSpec, type LayerSpec, type ShapeSpec } from "./canvas.js";
export { CLIENT_STORAGE_LIMIT, FakeClientStorage } from "./client-storage.js";
export { CODEGEN_TIMEOUT_MS, FakeCodegen } from "./codegen.js";
export { FakeDocument, FakePage } from "./document.js";
export { DEFAULT_MAX_EXPORT_PIXELS, exportPixelSize, type ExportRecord } from "./export.js";
export { FakeImage, FakeVideo, MAX_IMAGE_SIDE, MAX_VIDEO_BYTES } from "./media-store.js";
export {
  FakeComponent,
  FakeFrame,
  FakeGroup,
  FakeInstance,
  FakeNode,
  FakeRectangle,
  FakeSceneNode,
  FakeSection,
  FakeText,
  type FakeLayer,
} from "./nodes.js";
export { NOTIFY_LIMIT, type NotificationRecord } from "./notify.js";
export { solidPaint } from "./paints.js";
export { PLUGIN_DATA_ENTRY_LIMIT } from "./plugin-data.js";
export { FakePluginApi, type UndoStep } from "./plugin-api.js";
export { samplePng } from "./sample-images.js";
export { FakeUi, type UiState } from "./ui.js";
export { FakeViewport } from "./viewport.js";
