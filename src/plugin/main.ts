// The sandbox entry: opens the UI, answers its requests, and tells it about the selection.
import { PluginCommand, WINDOW_SIZE } from "../shared/messages.js";
import { generateCode } from "./codegen.js";
import { exportNode } from "./export-node.js";
import { handoffFile } from "./handoff-files.js";
import { serveRequests, sendEvent } from "./messaging.js";
import { pageOf } from "./page-of.js";
import { placeResult } from "./place-result.js";
import { readScene } from "./read-scene.js";
import { placeLayerDepth } from "./planes/place-layer-depth.js";
import { framePlanes, planePart, setPlaneDepth, setPlaneRelief } from "./planes/serve-planes.js";
import { describeSelection } from "./selection.js";
import { loadSettings, saveSettings } from "./settings-store.js";
import { serially } from "./serially.js";
import { resizeWindow, restoreWindowSize } from "./window-size.js";

const SELECTION_DEBOUNCE_MS = 150;

const asked = PluginCommand.safeParse(figma.command);
const command = asked.success ? asked.data : "depth";

async function sceneNode(id: string): Promise<SceneNode> {
  const node = await figma.getNodeByIdAsync(id);
  if (!node || node.removed || !("exportAsync" in node)) throw new Error("That layer no longer exists.");
  return node as SceneNode;
}

let regenerating = command === "regenerate";
// Selecting the new results is ours, not the designer's: the UI keeps showing the batch it ran.
let ownSelectionChange = false;
/** The layers the UI lists. */
let shown: SceneNode[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

async function sendShown(regenerate: boolean): Promise<void> {
  // Results are described as results: the UI makes each again from its source as what it is.
  sendEvent({
    type: "selection",
    regenerate,
    ...(await describeSelection(shown.filter((n) => !n.removed))),
  });
}

function publishSelection(): void {
  if (ownSelectionChange) {
    ownSelectionChange = false;
    return;
  }
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(async () => {
    const regenerate = regenerating;
    regenerating = false;
    shown = [...figma.currentPage.selection];
    await sendShown(regenerate);
  }, SELECTION_DEBOUNCE_MS);
}

/** Selects and zooms to those of the nodes still on the current page; `own` keeps the UI's list as it is. */
async function selectAndZoom(ids: readonly string[], own: boolean): Promise<void> {
  const nodes = (await Promise.all(ids.map((id) => figma.getNodeByIdAsync(id)))).filter(
    (n): n is SceneNode => n !== null && !n.removed && "visible" in n,
  );
  const onPage = nodes.filter((n) => pageOf(n) === figma.currentPage);
  if (!onPage.length) return;
  const current = figma.currentPage.selection;
  const same = current.length === onPage.length && onPage.every((n, i) => current[i] === n);
  // Figma sends no selectionchange for the same selection, so nothing would clear the flag.
  if (same) return figma.viewport.scrollAndZoomIntoView(onPage);
  ownSelectionChange = own;
  figma.currentPage.selection = onPage;
  figma.viewport.scrollAndZoomIntoView(onPage);
}

// Exports and scene reads run one at a time, yielding between them: large parallel exports exhaust
// Figma's memory.
const exportOne = serially(async (request: { type: "export" | "scene"; nodeId: string; targetSize: number }) => {
  const node = await sceneNode(request.nodeId);
  await pageOf(node)?.loadAsync();
  return request.type === "export" ? exportNode(node, request.targetSize) : readScene(node, request.targetSize);
});

const handoffOne = serially(handoffFile);
// Plane exports also run one at a time.
const exportPart = serially(async (nodeId: string, scale: number) => {
  const node = await sceneNode(nodeId);
  await pageOf(node)?.loadAsync();
  return planePart(node, scale);
});

const designRequests: Parameters<typeof serveRequests>[0] = {
  async ready() {
    publishSelection();
    return { command, settings: await loadSettings() };
  },
  export: exportOne,
  scene: exportOne,
  handoff: (request) => handoffOne(request.nodeId, request.part),
  place: placeResult,
  planes: (request) => framePlanes(request.nodeId, request.targetSize, request.open),
  planePart: (request) => exportPart(request.nodeId, request.scale),
  setPlaneDepth: (request) => setPlaneDepth(request.nodeId, request.depth),
  setPlaneRelief: (request) => setPlaneRelief(request.nodeId, request.relief),
  placeLayerDepth: (request) => placeLayerDepth(request.nodeId, request.bytes),
  async finish(request) {
    if (request.select) await selectAndZoom(request.placedNodeIds, true);
    figma.notify(request.message);
    // The listed layers now have results: tell the UI, so an animation can build on a new depth map.
    await sendShown(false);
    return {};
  },
  async select(request) {
    await selectAndZoom(request.nodeIds, false);
    return {};
  },
  async saveSettings(request) {
    await saveSettings(request.settings);
    return {};
  },
  async resize(request) {
    await resizeWindow(request);
    return {};
  },
};

if (figma.mode === "codegen") {
  // Dev Mode's Code section: snippets from the selected result's plugin data, and no UI.
  figma.codegen.on("generate", generateCode);
} else {
  figma.showUI(__html__, { ...WINDOW_SIZE.initial, themeColors: true, title: "Depthframe" });
  serveRequests(designRequests);
  figma.on("selectionchange", publishSelection);
  // The size the designer left it at: clientStorage only answers asynchronously, and the UI is
  // opened at once so that it is there for the first message.
  void restoreWindowSize();
}
