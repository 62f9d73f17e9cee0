/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// Builds the user's document for a test. Layers made here are the user's, not the plugin's: they are
// not counted in undo steps and may go on pages the plugin has not loaded. Each helper takes one
// spec with the layer's place, size and look; children given to a container keep their x and y,
// which become relative to the container.
import { appendPage, type FakePage } from "./document.js";
import {
  FakeText,
  type FakeComponent,
  type FakeFrame,
  type FakeFrameLike,
  type FakeGroup,
  type FakeInstance,
  type FakeRectangle,
  type FakeSceneNode,
  type FakeSection,
  type NodeEnv,
} from "./nodes.js";
import type { FakePluginApi } from "./plugin-api.js";

export interface LayerSpec {
  readonly name?: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly visible?: boolean;
  // The current page if not given.
  readonly parent?: FakePage | FakeFrameLike | FakeSection | FakeGroup;
}

interface BlendSpec {
  readonly opacity?: number;
  readonly effects?: ReadonlyArray<Effect>;
  readonly blendMode?: BlendMode;
  readonly isMask?: boolean;
  readonly maskType?: MaskType;
  // Degrees counter-clockwise about the top-left corner; not for groups.
  readonly rotation?: number;
}

interface PaintSpec {
  readonly fills?: ReadonlyArray<Paint>;
  readonly strokes?: ReadonlyArray<Paint>;
}

interface ContainerSpec {
  readonly children?: readonly FakeSceneNode[];
}

export type ShapeSpec = LayerSpec & BlendSpec & PaintSpec;
export type FrameSpec = ShapeSpec & ContainerSpec & { readonly clipsContent?: boolean };

export interface ImageLayerSpec extends LayerSpec, BlendSpec {
  // A rectangle unless a frame is asked for.
  readonly kind?: "RECTANGLE" | "FRAME";
  readonly scaleMode?: ImagePaint["scaleMode"];
}

// Properties set by assignment, so the node's own setters check them as they would the plugin's.
const ASSIGNED = [
  "name",
  "visible",
  "fills",
  "strokes",
  "opacity",
  "effects",
  "blendMode",
  "isMask",
  "maskType",
  "clipsContent",
  "rotation",
] as const;

// Text has no layout engine here: its box is roughly that of one line in a 14 px font.
const TEXT_LINE = { characterWidth: 8, height: 20 };

export class CanvasBuilder {
  constructor(
    readonly api: FakePluginApi,
    protected readonly env: NodeEnv,
  ) {}

  // Takes the widest spec; each helper's own spec type keeps out what its kind does not have.
  #build<T extends FakeSceneNode>(create: () => T, spec: FrameSpec): T {
    return this.env.graph.asUser(() => {
      const node = create();
      const { graph } = this.env;
      const parent = spec.parent ?? this.api.currentPage;
      graph.insert(parent, graph.childCount(parent), node, "canvas");
      for (const key of ASSIGNED) if (spec[key] !== undefined) Object.assign(node, { [key]: spec[key] });
      if (spec.width !== undefined || spec.height !== undefined)
        node.resize(spec.width ?? node.width, spec.height ?? node.height);
      if (spec.x !== undefined) node.x = spec.x;
      if (spec.y !== undefined) node.y = spec.y;
      for (const child of spec.children ?? []) graph.insert(node, graph.childCount(node), child, "canvas");
      return node;
    });
  }

  // A page the plugin has not visited yet: under dynamic-page access it needs loadAsync.
  addPage(name: string): FakePage {
    return appendPage(this.env, this.api.root, name, false);
  }

  addRectangle(spec: ShapeSpec = {}): FakeRectangle {
    return this.#build(() => this.api.createRectangle(), spec);
  }

  addText(characters: string, spec: ShapeSpec = {}): FakeText {
    const line = { width: Math.max(1, characters.length * TEXT_LINE.characterWidth), height: TEXT_LINE.height };
    return this.#build(() => new FakeText(this.env, characters), { ...line, ...spec });
  }

  addFrame(spec: FrameSpec = {}): FakeFrame {
    return this.#build(() => this.api.createFrame(), spec);
  }

  addComponent(spec: FrameSpec = {}): FakeComponent {
    return this.#build(() => this.api.createComponent(), spec);
  }

  addInstance(component: FakeComponent, spec: ShapeSpec = {}): FakeInstance {
    return this.#build(() => component.createInstance(), spec);
  }

  addSection(spec: LayerSpec & PaintSpec & ContainerSpec = {}): FakeSection {
    return this.#build(() => this.api.createSection(), spec);
  }

  // The group forms where the children are, keeping their places on the canvas.
  addGroup(children: readonly FakeSceneNode[], spec: LayerSpec & BlendSpec = {}): FakeGroup {
    return this.#build(() => this.api.group(children, spec.parent ?? this.api.currentPage), spec);
  }

  // A layer whose only content is one image fill, sized like the image unless the spec says
  // otherwise. The bytes go through figma.createImage, so its checks apply.
  addImageFrame(bytes: Uint8Array, spec: ImageLayerSpec = {}): FakeRectangle | FakeFrame {
    const image = this.api.createImage(bytes);
    const fills: Paint[] = [{ type: "IMAGE", imageHash: image.hash, scaleMode: spec.scaleMode ?? "FILL" }];
    const layer = { width: image.width, height: image.height, ...spec, fills };
    return spec.kind === "FRAME"
      ? this.#build(() => this.api.createFrame(), layer)
      : this.#build(() => this.api.createRectangle(), layer);
  }
}
