/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// Scene nodes: the layer types the plugin meets (frames, groups, components, instances, sections,
// rectangles and text), with the members it uses. Each class is checked against the real typings
// for those members (`implements Pick<...>`); structure (parent, children) lives in the SceneGraph.
//
// Plugins tell node kinds apart with `"fills" in node`, `"children" in node` and the like, so each
// class has exactly the property groups its Figma type has: fills and strokes (not on groups),
// opacity and effects (not on sections), children (containers only). The groups are mixins because
// they cut across the class tree.
import { figmaError, notInFake } from "./errors.js";
import { boundsOf, corners, effectBounds, unionOf } from "./geometry.js";
import { BLEND_MODES, normaliseEffects, normalisePaints } from "./paints.js";
import { PluginDataStore } from "./plugin-data.js";
import type { NodeKind, SceneGraph } from "./scene-graph.js";
import type { FakeDocument, FakePage } from "./document.js";

export type DocumentAccess = "dynamic-page" | "full";

// What nodes need from the fake around them.
export interface NodeEnv {
  readonly graph: SceneGraph;
  readonly pluginId: string;
  readonly documentAccess: DocumentAccess;
  currentPage(): FakePage;
  exportNode(node: FakeSceneNode | FakePage, settings: ExportSettings | undefined): Promise<Uint8Array>;
  selectionChanged(page: FakePage): void;
}

export type FakeLayer = FakeRectangle | FakeText | FakeFrame | FakeComponent | FakeInstance | FakeSection | FakeGroup;
export type FakeParentNode = FakeDocument | FakePage | FakeGroup | FakeFrameLike | FakeSection;

// The members every fake scene node shares with the real typings.
type SceneKeys =
  | "id"
  | "type"
  | "name"
  | "removed"
  | "remove"
  | "toString"
  | "visible"
  | "x"
  | "y"
  | "width"
  | "height"
  | "absoluteBoundingBox"
  | "absoluteRenderBounds"
  | "resize"
  | "resizeWithoutConstraints"
  | "getPluginData"
  | "setPluginData"
  | "getPluginDataKeys"
  | "setRelaunchData"
  | "getRelaunchData"
  | "exportSettings";
type PaintKeys = "fills" | "strokes";
type BlendKeys = "opacity" | "effects" | "blendMode" | "isMask" | "maskType";

const WHITE: ReadonlyArray<Paint> = [{ type: "SOLID", color: { r: 1, g: 1, b: 1 } }];
// A new rectangle's fill in Figma is #D9D9D9.
const LIGHT_GREY: ReadonlyArray<Paint> = [{ type: "SOLID", color: { r: 217 / 255, g: 217 / 255, b: 217 / 255 } }];
const BLACK: ReadonlyArray<Paint> = [{ type: "SOLID", color: { r: 0, g: 0, b: 0 } }];

// Argument checks, with the wording of Figma's own: `in set_opacity: Expected "opacity" to have type
// number but got string instead`. Plain JavaScript callers get no help from TypeScript.
function typed<T>(value: T, type: "string" | "boolean" | "number", property: string, operation: string): T {
  if (typeof value !== type)
    throw figmaError(operation, `Expected "${property}" to have type ${type} but got ${typeof value} instead`);
  return value;
}

function finite(value: number, property: string, operation: string, minimum = -Infinity, maximum = Infinity): number {
  typed(value, "number", property, operation);
  if (!Number.isFinite(value) || value < minimum || value > maximum) {
    throw figmaError(operation, `Expected "${property}" to be a finite number in ${minimum}..${maximum}, got ${value}`);
  }
  return value;
}

export abstract class FakeNode {
  abstract readonly type: NodeType;
  readonly id: string;
  #name: string;
  readonly #data: PluginDataStore;

  constructor(
    protected readonly env: NodeEnv,
    kind: NodeKind,
    name: string,
  ) {
    this.id = env.graph.register(this, kind);
    this.#name = name;
    this.#data = new PluginDataStore(env.pluginId);
  }

  // Every member except id and removed throws on a removed node, as in Figma.
  protected live(operation: string): this {
    if (this.env.graph.isRemoved(this)) throw figmaError(operation, `The node with id "${this.id}" does not exist`);
    return this;
  }

  get name(): string {
    return this.live("get_name").#name;
  }

  set name(value: string) {
    this.live("set_name").#name = typed(value, "string", "name", "set_name");
  }

  get removed(): boolean {
    return this.env.graph.isRemoved(this);
  }

  get parent(): FakeParentNode | null {
    return this.env.graph.parentOf(this.live("get_parent")) as FakeParentNode | null;
  }

  remove(): void {
    this.env.graph.remove(this.live("remove"));
  }

  toString(): string {
    return `[Node ${this.id}]`;
  }

  getPluginData(key: string): string {
    return this.live("getPluginData").#data.get(key);
  }

  setPluginData(key: string, value: string): void {
    this.live("setPluginData").#data.set(key, value);
  }

  getPluginDataKeys(): string[] {
    return this.live("getPluginDataKeys").#data.keys();
  }

  setRelaunchData(data: { [command: string]: string }): void {
    this.live("setRelaunchData").#data.setRelaunch(data);
  }

  getRelaunchData(): { [command: string]: string } {
    return this.live("getRelaunchData").#data.getRelaunch();
  }
}

// How a layer looks: kept for every scene node and copied with it, but each kind exposes only the
// parts its Figma type has (see withPaints and withBlend). Values are frozen, so copies can share them.
interface Look {
  readonly fills: ReadonlyArray<Paint>;
  readonly strokes: ReadonlyArray<Paint>;
  readonly opacity: number;
  readonly effects: ReadonlyArray<Effect>;
  readonly blendMode: BlendMode;
  readonly isMask: boolean;
  readonly maskType: MaskType;
}

const LOOK_CHECKS: { readonly [K in keyof Look]: (value: unknown, operation: string) => Look[K] } = {
  fills: normalisePaints,
  strokes: normalisePaints,
  effects: normaliseEffects,
  opacity: (value, operation) => finite(value as number, "opacity", operation, 0, 1),
  blendMode: (value, operation) => oneOf(value, BLEND_MODES, "blendMode", operation) as BlendMode,
  isMask: (value, operation) => typed(value as boolean, "boolean", "isMask", operation),
  maskType: (value, operation) => oneOf(value, ["ALPHA", "VECTOR", "LUMINANCE"], "maskType", operation) as MaskType,
};

function oneOf(value: unknown, allowed: readonly string[], property: string, operation: string): string {
  if (typeof value !== "string" || !allowed.includes(value))
    throw figmaError(operation, `Expected "${property}" to be one of ${allowed.join(", ")}`);
  return value;
}

export abstract class FakeSceneNode extends FakeNode {
  #box: Rect = { x: 0, y: 0, width: 100, height: 100 };
  #visible = true;
  #rotation = 0;
  #look: Look = {
    fills: [],
    strokes: [],
    opacity: 1,
    effects: [],
    blendMode: "PASS_THROUGH",
    isMask: false,
    maskType: "ALPHA",
  };
  #exportSettings: readonly ExportSettings[] = [];

  constructor(env: NodeEnv, name: string) {
    super(env, "scene", name);
  }

  // The export presets Dev Mode lists as assets; Figma keeps frozen copies, like fills.
  get exportSettings(): readonly ExportSettings[] {
    return this.live("get_exportSettings").#exportSettings;
  }

  set exportSettings(value: readonly ExportSettings[]) {
    const operation = "set_exportSettings";
    if (!Array.isArray(value)) throw figmaError(operation, "Expected an array of export settings");
    const formats = ["JPG", "PNG", "SVG", "SVG_STRING", "PDF", "JSON_REST_V1"];
    for (const setting of value) {
      if (!formats.includes(setting?.format)) {
        throw figmaError(operation, `Invalid export format: ${String(setting?.format)}`);
      }
    }
    this.live(operation).#exportSettings = Object.freeze(value.map((s) => Object.freeze({ ...s })));
  }

  // Position and size in the coordinate space of the container (see SceneGraph.containerOf).
  protected getBox(): Rect {
    return this.#box;
  }

  protected setBox(box: Rect): void {
    this.#box = box;
  }

  get x(): number {
    return this.live("get_x").getBox().x;
  }

  set x(value: number) {
    this.live("set_x").setBox({ ...this.getBox(), x: finite(value, "x", "set_x") });
  }

  get y(): number {
    return this.live("get_y").getBox().y;
  }

  set y(value: number) {
    this.live("set_y").setBox({ ...this.getBox(), y: finite(value, "y", "set_y") });
  }

  get width(): number {
    return this.live("get_width").getBox().width;
  }

  get height(): number {
    return this.live("get_height").getBox().height;
  }

  resize(width: number, height: number): void {
    this.live("resize").setBox({
      ...this.getBox(),
      width: finite(width, "width", "resize", 0.01),
      height: finite(height, "height", "resize", 0.01),
    });
  }

  // The fake has no constraints to apply, so both resizes are the same.
  resizeWithoutConstraints(width: number, height: number): void {
    this.resize(width, height);
  }

  // Degrees counter-clockwise about the top-left corner, which x and y keep placing (Figma's
  // relativeTransform). Only kinds with a rotation property expose it (see withRotation).
  protected getRotation(): number {
    return this.#rotation;
  }

  protected setRotation(degrees: number): void {
    const operation = "set_rotation";
    finite(degrees, "rotation", operation);
    // Rotating a container would rotate the coordinate space of its children: not modelled here.
    if (degrees !== 0 && this.env.graph.childCount(this) > 0) throw notInFake("rotation of a layer with children");
    this.live(operation).#rotation = ((((degrees + 180) % 360) + 360) % 360) - 180;
  }

  // The four corners on the canvas, in order top-left, top-right, bottom-right, bottom-left of the
  // unrotated layer.
  // The rotated box's bounds in its container's coordinates (what a group around it spans).
  boundsInContainer(): Rect {
    return boundsOf(corners(this.getBox(), this.#rotation));
  }

  absoluteCorners(): { x: number; y: number }[] {
    const box = this.live("get_absoluteBoundingBox").getBox();
    const container = this.env.graph.containerOf(this);
    const origin = container instanceof FakeSceneNode ? container.absoluteBoundingBox : { x: 0, y: 0 };
    return corners({ ...box, x: origin.x + box.x, y: origin.y + box.y }, this.#rotation);
  }

  get absoluteBoundingBox(): Rect {
    return boundsOf(this.absoluteCorners());
  }

  // What the layer paints: its box (of its children's boxes for groups, of unclipped content for
  // frames) grown by its shadows and blurs, and null when it is hidden, as in Figma.
  get absoluteRenderBounds(): Rect | null {
    if (!this.live("get_absoluteRenderBounds").#visible) return null;
    const children = this.env.graph.childrenOf(this) as FakeSceneNode[];
    const clips = "clipsContent" in this && this.clipsContent === true;
    const boxes = [this.type === "GROUP" ? null : this.absoluteBoundingBox];
    if (!clips) boxes.push(...children.map((child) => child.absoluteRenderBounds));
    const content = unionOf(boxes.filter((box): box is Rect => box !== null));
    if (!content) return null;
    const effects = "effects" in this ? (this.effects as readonly Effect[]) : [];
    return effectBounds(content, effects);
  }

  get visible(): boolean {
    return this.live("get_visible").#visible;
  }

  set visible(value: boolean) {
    this.live("set_visible").#visible = typed(value, "boolean", "visible", "set_visible");
  }

  protected look<K extends keyof Look>(key: K): Look[K] {
    return this.live(`get_${key}`).#look[key];
  }

  protected restyle<K extends keyof Look>(key: K, value: unknown): void {
    const operation = `set_${key}`;
    this.live(operation).#look = { ...this.#look, [key]: LOOK_CHECKS[key](value, operation) };
  }

  exportAsync(settings?: ExportSettings): Promise<Uint8Array> {
    return this.env.exportNode(this.live("exportAsync"), settings);
  }

  // Duplicates the node (and its subtree) under figma.currentPage, as Figma documents for clone().
  clone(): FakeSceneNode {
    const copy = this.live("clone").copyInto(null);
    this.env.graph.insert(this.env.currentPage(), this.env.graph.childCount(this.env.currentPage()), copy, "clone");
    return copy;
  }

  // A fresh node of the same kind; kinds whose constructor needs more than the env override it.
  protected blank(): FakeSceneNode {
    return new (this.constructor as new (env: NodeEnv) => FakeSceneNode)(this.env);
  }

  // Copies this node and its subtree into a blank twin placed in `parent` (none for the top copy).
  protected copyInto(parent: FakeNode | null): FakeSceneNode {
    const copy = this.blank();
    if (parent) this.env.graph.insert(parent, this.env.graph.childCount(parent), copy, "clone");
    copy.name = this.name;
    copy.#box = { ...this.#box };
    copy.#visible = this.#visible;
    copy.#rotation = this.#rotation;
    copy.#look = this.#look;
    copy.#exportSettings = this.#exportSettings;
    this.copyChildrenInto(copy);
    return copy;
  }

  protected copyChildrenInto(copy: FakeNode): void {
    for (const child of this.env.graph.childrenOf(this)) (child as FakeSceneNode).copyInto(copy);
  }
}

// TypeScript requires a mixin's base constructor to take `...args: any[]`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AbstractConstructor<T> = abstract new (...args: any[]) => T;

// Exposes the given parts of the look as properties: fills and strokes (read-only arrays replaced
// wholesale), opacity and effects. Each node kind gets the parts its Figma type has.
function withLook<K extends keyof Look>(...keys: K[]) {
  return <TBase extends AbstractConstructor<FakeSceneNode>>(Base: TBase) => {
    abstract class WithLook extends Base {
      static {
        for (const key of keys) {
          Object.defineProperty(this.prototype, key, {
            get(this: WithLook) {
              return this.look(key);
            },
            set(this: WithLook, value: unknown) {
              this.restyle(key, value);
            },
            configurable: true,
          });
        }
      }
    }
    return WithLook as typeof WithLook & AbstractConstructor<{ -readonly [P in K]: Look[P] }>;
  };
}
const withPaints = withLook("fills", "strokes");
const withBlend = withLook("opacity", "effects", "blendMode", "isMask", "maskType");

// The rotation property, for the kinds whose Figma type has one.
function withRotation<TBase extends AbstractConstructor<FakeSceneNode>>(Base: TBase) {
  abstract class WithRotation extends Base {
    get rotation(): number {
      return this.live("get_rotation").getRotation();
    }

    set rotation(degrees: number) {
      this.setRotation(degrees);
    }
  }
  return WithRotation;
}

// Children, for the node kinds that have them (pages included).
export function withChildren<TBase extends AbstractConstructor<FakeNode>>(Base: TBase) {
  abstract class WithChildren extends Base {
    // Pages override this to refuse access before loadAsync.
    protected childAccess(operation: string): this {
      return this.live(operation);
    }

    get children(): ReadonlyArray<FakeLayer> {
      return this.env.graph.childrenOf(this.childAccess("get_children")) as ReadonlyArray<FakeLayer>;
    }

    appendChild(child: FakeSceneNode): void {
      this.#insert("appendChild", this.env.graph.childCount(this), child);
    }

    insertChild(index: number, child: FakeSceneNode): void {
      this.#insert("insertChild", index, child);
    }

    // An instance's layers come from its main component: nothing can be added inside one.
    #insert(operation: string, index: number, child: FakeSceneNode): void {
      const parent = this.childAccess(operation);
      if (parent.type === "INSTANCE" || this.env.graph.ancestorOfType(parent, "INSTANCE")) {
        throw figmaError(operation, "Cannot add a layer inside an instance");
      }
      this.env.graph.insert(parent, index, child, operation);
    }
  }
  return WithChildren;
}

// Rectangles, text and frame-like nodes have every property group but children.
const FakeShape = withRotation(withBlend(withPaints(FakeSceneNode)));

export class FakeRectangle
  extends FakeShape
  implements Pick<RectangleNode, SceneKeys | PaintKeys | BlendKeys | "rotation">
{
  readonly type = "RECTANGLE";

  constructor(env: NodeEnv) {
    super(env, "Rectangle");
    this.fills = LIGHT_GREY;
  }
}

// Only what a plugin reads from text; Figma would also need the font loaded before any edit.
export class FakeText
  extends FakeShape
  implements Pick<TextNode, SceneKeys | PaintKeys | BlendKeys | "rotation" | "characters">
{
  readonly type = "TEXT";

  constructor(
    env: NodeEnv,
    readonly characters: string,
  ) {
    super(env, characters || "Text");
    this.fills = BLACK;
  }

  protected override blank(): FakeText {
    return new FakeText(this.env, this.characters);
  }
}

// Frames, components and instances: white and clipping their content unless told otherwise.
export abstract class FakeFrameLike extends withChildren(FakeShape) {
  #clipsContent = true;

  constructor(env: NodeEnv, name: string) {
    super(env, name);
    this.fills = WHITE;
  }

  get clipsContent(): boolean {
    return this.live("get_clipsContent").#clipsContent;
  }

  set clipsContent(value: boolean) {
    this.live("set_clipsContent").#clipsContent = typed(value, "boolean", "clipsContent", "set_clipsContent");
  }

  protected override copyInto(parent: FakeNode | null): FakeSceneNode {
    const copy = super.copyInto(parent) as FakeFrameLike;
    copy.#clipsContent = this.#clipsContent;
    return copy;
  }
}

type FrameKeys = SceneKeys | PaintKeys | BlendKeys | "rotation" | "clipsContent";

export class FakeFrame extends FakeFrameLike implements Pick<FrameNode, FrameKeys> {
  readonly type = "FRAME";

  constructor(env: NodeEnv) {
    super(env, "Frame");
  }
}

export class FakeComponent extends FakeFrameLike implements Pick<ComponentNode, FrameKeys> {
  readonly type = "COMPONENT";

  constructor(env: NodeEnv) {
    super(env, "Component");
  }

  // The instance starts as a copy of the component, parented under figma.currentPage.
  createInstance(): FakeInstance {
    const instance = new FakeInstance(this.env, this.live("createInstance"));
    this.env.graph.insert(
      this.env.currentPage(),
      this.env.graph.childCount(this.env.currentPage()),
      instance,
      "createInstance",
    );
    instance.name = this.name;
    instance.resize(this.width, this.height);
    instance.fills = this.fills;
    instance.strokes = this.strokes;
    instance.effects = this.effects;
    instance.opacity = this.opacity;
    instance.clipsContent = this.clipsContent;
    this.copyChildrenInto(instance);
    return instance;
  }
}

export class FakeInstance extends FakeFrameLike implements Pick<InstanceNode, FrameKeys> {
  readonly type = "INSTANCE";
  readonly #mainComponent: FakeComponent;

  constructor(env: NodeEnv, mainComponent: FakeComponent) {
    super(env, "Instance");
    this.#mainComponent = mainComponent;
  }

  protected override blank(): FakeInstance {
    return new FakeInstance(this.env, this.#mainComponent);
  }

  // Under dynamic-page access the synchronous getter is refused, as in Figma.
  get mainComponent(): FakeComponent {
    const main = this.live("get_mainComponent").#mainComponent;
    if (this.env.documentAccess === "dynamic-page") {
      throw figmaError(
        "get_mainComponent",
        "Cannot call with documentAccess: dynamic-page. Use node.getMainComponentAsync instead.",
      );
    }
    return main;
  }

  async getMainComponentAsync(): Promise<FakeComponent | null> {
    const main = this.live("getMainComponentAsync").#mainComponent;
    return main.removed ? null : main;
  }
}

// Sections have fills and strokes but no opacity or effects.
export class FakeSection
  extends withChildren(withPaints(FakeSceneNode))
  implements Pick<SectionNode, Exclude<SceneKeys, "absoluteRenderBounds"> | PaintKeys>
{
  readonly type = "SECTION";

  constructor(env: NodeEnv) {
    super(env, "Section");
    this.fills = WHITE;
  }
}

// A group has no box of its own: it is the union of its children, which share the group's
// coordinate space. Moving or resizing it moves or scales the children, and it deletes itself when
// its last child leaves (handled by the SceneGraph). It has opacity and effects but no paints.
export class FakeGroup
  extends withChildren(withBlend(FakeSceneNode))
  implements Pick<GroupNode, SceneKeys | BlendKeys>
{
  readonly type = "GROUP";

  constructor(env: NodeEnv) {
    super(env, "Group");
  }

  protected override getBox(): Rect {
    const children = this.env.graph.childrenOf(this) as FakeSceneNode[];
    return (
      unionOf(children.map((child) => child.boundsInContainer())) ?? {
        x: 0,
        y: 0,
        width: 0,
        height: 0,
      }
    );
  }

  protected override setBox(box: Rect): void {
    const old = this.getBox();
    const scaleX = old.width > 0 ? box.width / old.width : 1;
    const scaleY = old.height > 0 ? box.height / old.height : 1;
    for (const child of this.env.graph.childrenOf(this) as FakeSceneNode[]) {
      if (scaleX !== 1 || scaleY !== 1) child.resize(child.width * scaleX, child.height * scaleY);
      child.x = box.x + (child.x - old.x) * scaleX;
      child.y = box.y + (child.y - old.y) * scaleY;
    }
  }
}
