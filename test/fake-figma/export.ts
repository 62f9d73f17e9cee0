/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// node.exportAsync: checks the settings as Figma does, sizes the image from the constraint, refuses
// exports too big for memory the way Figma's renderer fails ("memory access out of bounds"), and
// renders a real PNG. Every export is recorded so tests can check what the plugin asked for.
import { checkKnownKeys, figmaError, notInFake } from "./errors.js";
import { unionOf } from "./geometry.js";
import type { MediaStore } from "./media-store.js";
import type { FakePage } from "./document.js";
import { FakeSceneNode } from "./nodes.js";
import { renderPng } from "./render.js";
import type { SceneGraph } from "./scene-graph.js";

// Where Figma's limit lies depends on the machine; this many pixels (256 MB of RGBA) is where the
// fake stops, and tests can lower it to provoke the failure.
export const DEFAULT_MAX_EXPORT_PIXELS = 8192 * 8192;

const FIGMA_FORMATS = ["PNG", "JPG", "SVG", "SVG_STRING", "PDF", "JSON_REST_V1", "MP4", "GIF", "WEBM"];
const IMAGE_SETTINGS_KEYS = ["format", "contentsOnly", "useAbsoluteBounds", "suffix", "constraint", "colorProfile"];
const CONSTRAINT_TYPES = ["SCALE", "WIDTH", "HEIGHT"];
const COLOR_PROFILES = ["DOCUMENT", "SRGB", "DISPLAY_P3_V4"];

export interface ExportRecord {
  readonly nodeId: string;
  readonly settings: ExportSettingsImage;
  readonly width: number;
  readonly height: number;
}

// SCALE multiplies both sides; WIDTH and HEIGHT fix one side and scale the other in proportion.
// Sides are rounded to whole pixels, and never below one.
export function exportPixelSize(
  size: { width: number; height: number },
  constraint?: ExportSettingsConstraints,
): { width: number; height: number } {
  const { type, value } = constraint ?? { type: "SCALE", value: 1 };
  const scale = type === "SCALE" ? value : type === "WIDTH" ? value / size.width : value / size.height;
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

function checkImageSettings(settings: unknown): ExportSettingsImage {
  if (typeof settings !== "object" || settings === null)
    throw figmaError("exportAsync", "Expected settings to be an object");
  const format = (settings as { format?: unknown }).format;
  if (typeof format !== "string" || !FIGMA_FORMATS.includes(format)) {
    throw figmaError(
      "exportAsync",
      `Expected "format" to be one of ${FIGMA_FORMATS.join(", ")}, got ${String(format)}`,
    );
  }
  if (format !== "PNG") throw notInFake(`exportAsync in ${format} format (only PNG)`);
  checkKnownKeys(settings, IMAGE_SETTINGS_KEYS, "exportAsync");
  const image = settings as ExportSettingsImage;
  if (image.constraint !== undefined) {
    const { type, value } = image.constraint;
    if (!CONSTRAINT_TYPES.includes(type))
      throw figmaError("exportAsync", `Expected "constraint.type" to be one of ${CONSTRAINT_TYPES.join(", ")}`);
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw figmaError("exportAsync", `Expected "constraint.value" to be a positive number, got ${String(value)}`);
    }
  }
  if (image.colorProfile !== undefined && !COLOR_PROFILES.includes(image.colorProfile)) {
    throw figmaError("exportAsync", `Expected "colorProfile" to be one of ${COLOR_PROFILES.join(", ")}`);
  }
  return structuredClone(image);
}

// Figma exports what a layer paints (its render bounds: shadows and blurs included), or its box
// with useAbsoluteBounds; a hidden layer's export is its empty box.
function exportArea(node: FakeSceneNode, absolute: boolean): Rect {
  const rendered = "absoluteRenderBounds" in node ? (node.absoluteRenderBounds as Rect | null) : null;
  return absolute || !rendered ? node.absoluteBoundingBox : rendered;
}

export class Exporter {
  readonly #records: ExportRecord[] = [];

  constructor(
    private readonly graph: SceneGraph,
    private readonly media: MediaStore,
    private readonly maxPixels: number,
  ) {}

  get records(): readonly ExportRecord[] {
    return this.#records;
  }

  // With no settings Figma exports a PNG at 1x.
  async export(node: FakeSceneNode | FakePage, settings: ExportSettings = { format: "PNG" }): Promise<Uint8Array> {
    const image = checkImageSettings(settings);
    // An export takes a while in Figma; other messages and events get their turn in between.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const area =
      node instanceof FakeSceneNode
        ? exportArea(node, image.useAbsoluteBounds === true)
        : unionOf(node.children.map((layer) => layer.absoluteBoundingBox));
    if (!area) throw figmaError("exportAsync", "There is nothing to export on this page");
    const { width, height } = exportPixelSize(area, image.constraint);
    if (width * height > this.maxPixels)
      throw Object.assign(new Error("memory access out of bounds"), { name: "RuntimeError" });
    // contentsOnly: false also shows whatever overlaps the node on its page.
    const page = node instanceof FakeSceneNode ? (this.graph.ancestorOfType(node, "PAGE") as FakePage) : node;
    const layers = node instanceof FakeSceneNode && image.contentsOnly !== false ? [node] : page.children;
    const png = renderPng(layers, area, width, height, this.media);
    this.#records.push({ nodeId: node.id, settings: image, width, height });
    return png;
  }
}
