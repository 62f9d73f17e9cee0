// A stand-in for Figma in a browser page: the real dist/ui.html in a sandboxed iframe (origin
// null), the real dist/code.js in this page against the fake figma, and messages passed the way
// Figma passes them. Tests drive it through window.host.
import { createFakeFigma, solidPaint, type FakeFigma } from "../../fake-figma/index.js";
import { FakeClientStorage } from "../../fake-figma/client-storage.js";
import type { Host, HostOptions, PlacedResult, PlaceRequestSeen } from "./host-api.js";
// Figma's colour tokens per theme, as the component library transcribed them (bundled as text).
import themeTokens from "@create-figma-plugin/ui/css/theme.css";

interface Canvas {
  photoBase64: string;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// clientStorage outlives a run of the plugin, as Figma keeps it per user.
const storage = new FakeClientStorage();
let placeRequests: PlaceRequestSeen[] = [];
let current: {
  fake: FakeFigma;
  frame: HTMLIFrameElement;
  restore: () => void;
  stopListening: () => void;
} | null = null;

/** The layers the tests work on: a photo (one image fill), a UI mock-up of vectors, one wider than
 *  4096 px, and two frames for layered depth. */
function buildCanvas(fake: FakeFigma, canvas: Canvas): void {
  fake.addImageFrame(fromBase64(canvas.photoBase64), {
    name: "Photo",
    x: 0,
    y: 0,
    width: 480,
    height: 320,
  });
  const mockup = fake.addFrame({
    name: "Checkout screen",
    x: 0,
    y: 400,
    width: 390,
    height: 844,
    fills: [solidPaint(0.97, 0.97, 0.98)],
  });
  fake.addRectangle({
    name: "Header",
    parent: mockup,
    x: 0,
    y: 0,
    width: 390,
    height: 96,
    fills: [solidPaint(0.1, 0.3, 0.9)],
  });
  fake.addRectangle({
    name: "Card",
    parent: mockup,
    x: 24,
    y: 140,
    width: 342,
    height: 220,
    fills: [solidPaint(1, 1, 1)],
  });
  fake.addRectangle({
    name: "Button",
    parent: mockup,
    x: 24,
    y: 740,
    width: 342,
    height: 56,
    fills: [solidPaint(0.95, 0.35, 0.2)],
  });
  const poster = fake.addFrame({
    name: "Billboard",
    x: 0,
    y: 1400,
    width: 6000,
    height: 2000,
    fills: [solidPaint(0.2, 0.5, 0.3)],
  });
  buildCards(fake, canvas);
  fake.addRectangle({
    name: "Sun",
    parent: poster,
    x: 4000,
    y: 300,
    width: 900,
    height: 900,
    fills: [solidPaint(1, 0.85, 0.2)],
  });
}

/** Two frames for layered depth: a card UI whose backdrop has detail everywhere and no repeat (10
 *  px blocks of colours drawn at random from a fixed seed, never the magenta of its button), and a
 *  photo with a badge on it. */
function buildCards(fake: FakeFigma, canvas: Canvas): void {
  const card = fake.addFrame({ name: "Card UI", x: 0, y: 3600, width: 240, height: 160 });
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  const blocks = [];
  for (let y = 0; y < 160; y += 10) {
    for (let x = 0; x < 240; x += 10) {
      const fills = [solidPaint(next(), 0.4 + 0.6 * next(), next() / 2)];
      blocks.push(fake.addRectangle({ name: "Block", parent: card, x, y, width: 10, height: 10, fills }));
    }
  }
  fake.addGroup(blocks, { parent: card, name: "Backdrop" });
  fake.addRectangle({
    name: "Buy button",
    parent: card,
    x: 90,
    y: 60,
    width: 60,
    height: 40,
    fills: [solidPaint(1, 0, 1)],
  });
  const poster = fake.addFrame({
    name: "Photo card",
    x: 400,
    y: 3600,
    width: 240,
    height: 160,
    fills: [solidPaint(1, 1, 1)],
  });
  fake.addImageFrame(fromBase64(canvas.photoBase64), {
    name: "Shot",
    parent: poster,
    x: 20,
    y: 20,
    width: 200,
    height: 120,
  });
  fake.addRectangle({
    name: "Badge",
    parent: poster,
    x: 150,
    y: 30,
    width: 60,
    height: 30,
    fills: [solidPaint(1, 0, 1)],
  });
}

/** What Figma does to the UI with themeColors on: the theme's variables on :root, and its class on <html>. */
function withTheme(html: string, theme: "light" | "dark"): string {
  const tokens = new RegExp(`:root \\.figma-${theme} \\{([^}]*)\\}`).exec(themeTokens as string)?.[1];
  if (!tokens) throw new Error(`no ${theme} theme tokens`);
  return html
    .replace("<html", `<html class="figma-${theme}"`)
    .replace("<head>", `<head><style>:root{${tokens}}</style>`);
}

function loadScript(source: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = source;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${source}`));
    document.body.append(script);
  });
}

/** A depth map an earlier run placed beside the layer: an image fill, linked both ways. */
function addDepthMap(fake: FakeFigma, sourceName: string, png: Uint8Array): void {
  const source = fake.figma.currentPage.children.find((n) => n.name === sourceName);
  if (!source) throw new Error(`no layer ${sourceName}`);
  const result = fake.addRectangle({
    name: `${sourceName} — Depth`,
    x: source.x + source.width + 40,
    y: source.y,
    width: source.width,
    height: source.height,
    fills: [{ type: "IMAGE", imageHash: fake.figma.createImage(png).hash, scaleMode: "FILL" }],
  });
  result.setPluginData("depthframe.sourceId", source.id);
  result.setPluginData("depthframe.kind", "depth");
  result.setPluginData("depthframe.resultId", "d".repeat(64));
  result.setPluginData(
    "depthframe.options",
    JSON.stringify({ dilation: 0, outputBitDepth: "uint16", inputType: "image2d" }),
  );
  source.setPluginData("depthframe.result.depth", result.id);
}

async function open(options: HostOptions): Promise<void> {
  await close();
  placeRequests = [];
  const [html, canvas] = await Promise.all([
    fetch("/dist/ui.html").then((r) => r.text()),
    fetch("/canvas.json").then((r) => r.json() as Promise<Canvas>),
  ]);
  const themed = withTheme(html, options.theme);
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-scripts");
  document.body.style.background = options.theme === "dark" ? "#2c2c2c" : "#e5e5e5";

  const fake = createFakeFigma({
    command: options.command,
    videoAllowed: options.videoAllowed ?? true,
    clientStorage: storage,
    html: themed,
    onPostMessage: (message) => frame.contentWindow?.postMessage({ pluginMessage: message }, "*"),
  });
  buildCanvas(fake, canvas);
  for (let i = 1; i <= (options.extraFrames ?? 0); i++) {
    fake.addFrame({
      name: `Frame ${i}`,
      x: 7000 + i * 300,
      width: 240,
      height: 160,
      fills: [solidPaint(i / 20, 0.4, 0.6)],
    });
  }
  for (const [name, png] of Object.entries(options.depthMaps ?? {})) addDepthMap(fake, name, fromBase64(png));
  if (options.settings !== undefined) await storage.setAsync("settings", options.settings);
  const wanted = fake.figma.currentPage.children.filter((n) => options.select.includes(n.name));
  fake.figma.currentPage.selection = wanted;

  const fromUi = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow) return;
    const message = (event.data as { pluginMessage?: unknown } | null)?.pluginMessage;
    const place = message as { type?: string; contentType?: string; engine?: string; bytes?: Uint8Array };
    if (place?.type === "place" && place.bytes instanceof Uint8Array) {
      placeRequests.push({
        contentType: place.contentType ?? "",
        engine: place.engine ?? null,
        bytesBase64: toBase64(place.bytes),
      });
    }
    // Figma fits its window to the size the plugin asks for.
    if (message !== undefined) void fake.deliverFromUi(message).then(() => fitFrame(frame, fake));
  };
  window.addEventListener("message", fromUi);
  const restore = fake.install();
  current = {
    fake,
    frame,
    restore,
    stopListening: () => window.removeEventListener("message", fromUi),
  };
  await loadScript(`/dist/code.js?run=${Date.now()}`);
  const ui = fake.ui.state;
  if (!ui) throw new Error("the plugin did not call figma.showUI");
  frame.style.cssText =
    `width:${ui.width}px;height:${ui.height}px;border:0;display:block;box-shadow:0 2px 14px ` + `rgba(0,0,0,.15)`;
  frame.srcdoc = themed;
  document.body.append(frame);
}

function fitFrame(frame: HTMLIFrameElement, fake: FakeFigma): void {
  const ui = fake.ui.state;
  if (!ui) return;
  frame.style.width = `${ui.width}px`;
  frame.style.height = `${ui.height}px`;
}

async function close(): Promise<void> {
  if (!current) return;
  current.frame.remove();
  current.stopListening();
  await current.fake.flush();
  current.restore();
  current = null;
}

async function results(): Promise<PlacedResult[]> {
  if (!current) return [];
  const { figma } = current.fake;
  const placed = figma.currentPage.children.filter((n) => n.getPluginData("depthframe.kind") !== "") as RectangleNode[];
  return Promise.all(
    placed.map(async (node) => {
      const paint = (node.fills as readonly Paint[])[0] as ImagePaint | VideoPaint;
      const bytes =
        paint.type === "IMAGE" ? await figma.getImageByHash(paint.imageHash!)!.getBytesAsync() : new Uint8Array(0);
      const source = await figma.getNodeByIdAsync(node.getPluginData("depthframe.sourceId"));
      return {
        kind: node.getPluginData("depthframe.kind"),
        fillType: paint.type,
        name: node.name,
        width: node.width,
        height: node.height,
        x: node.x,
        sourceName: source?.name ?? "",
        fillBase64: toBase64(bytes),
        engine: node.getPluginData("depthframe.engine"),
        options: node.getPluginData("depthframe.options"),
      };
    }),
  );
}

/** A layer found by name anywhere on the page, exported alone at its own size. */
async function exportLayer(name: string): Promise<string> {
  const find = (nodes: readonly SceneNode[]): SceneNode | undefined => {
    for (const node of nodes) {
      const inside = node.name === name ? node : "children" in node ? find(node.children) : undefined;
      if (inside) return inside;
    }
    return undefined;
  };
  const found = current && find(current.fake.figma.currentPage.children);
  if (!found) throw new Error(`no layer ${name}`);
  return toBase64(await found.exportAsync({ format: "PNG" }));
}

function select(names: string[]): void {
  if (!current) return;
  const page = current.fake.figma.currentPage;
  page.selection = page.children.filter((n) => names.includes(n.name));
}

const host: Host = {
  open,
  select,
  selection: () => current?.fake.figma.currentPage.selection.map((n) => n.name) ?? [],
  close,
  results,
  notifications: () => current?.fake.notifications.map((n) => n.requested) ?? [],
  undoSteps: () => current?.fake.undoSteps.length ?? 0,
  zooms: () => {
    if (!current) return [];
    const layers = current.fake.figma.currentPage.children;
    const nameOf = (id: string) => layers.find((n) => n.id === id)?.name ?? id;
    return current.fake.viewport.scrolledIntoView.map((ids) => ids.map(nameOf));
  },
  exports: () => current?.fake.exports.map((e) => ({ width: e.width, height: e.height })) ?? [],
  placeRequests: () => placeRequests,
  exportLayer,
};
(window as unknown as { host: Host }).host = host;
