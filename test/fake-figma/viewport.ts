/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// figma.viewport: records which nodes were scrolled into view, and centres and zooms on them the way
// Shift-1 would, so center, zoom and bounds stay consistent.
import { unionOf } from "./geometry.js";
import { FakeSceneNode, type FakeNode } from "./nodes.js";

// A typical canvas area on a laptop screen, in screen pixels.
const SCREEN = { width: 1440, height: 900 };
// Figma's zoom range.
const ZOOM_RANGE = { min: 0.02, max: 256 };

export class FakeViewport implements Pick<ViewportAPI, "center" | "zoom" | "bounds"> {
  center: Vector = { x: 0, y: 0 };
  zoom = 1;
  readonly #scrolledIntoView: (readonly string[])[] = [];

  // The ids of each scrollAndZoomIntoView call, in order.
  get scrolledIntoView(): readonly (readonly string[])[] {
    return this.#scrolledIntoView;
  }

  get bounds(): Rect {
    const width = SCREEN.width / this.zoom;
    const height = SCREEN.height / this.zoom;
    return { x: this.center.x - width / 2, y: this.center.y - height / 2, width, height };
  }

  scrollAndZoomIntoView(nodes: ReadonlyArray<FakeNode>): void {
    this.#scrolledIntoView.push(nodes.map((node) => node.id));
    const area = unionOf(
      nodes
        .filter((node): node is FakeSceneNode => node instanceof FakeSceneNode)
        .map((node) => node.absoluteBoundingBox),
    );
    if (!area) return;
    this.center = { x: area.x + area.width / 2, y: area.y + area.height / 2 };
    const fit = Math.min(SCREEN.width / Math.max(area.width, 1), SCREEN.height / Math.max(area.height, 1));
    this.zoom = Math.min(ZOOM_RANGE.max, Math.max(ZOOM_RANGE.min, fit));
  }
}
