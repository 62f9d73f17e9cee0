// Messages between the plugin sandbox and its UI iframe. Requests carry an id and get exactly one
// answer with that id; events need none. Both sides validate what they receive with these schemas.
import * as z from "zod/mini";
import { lazySchema } from "./lazy-schema.js";
import { AnimationOptions, DisparityOptions, ResultId } from "./api.js";
import { PlacedLayerDepth, PlanePartAnswer, PlaneRequests, PlanesAnswer } from "./planes.js";
import { AnimationEngine, Settings } from "./settings.js";

// Structured clones keep Uint8Array as it is; JSON would not.
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "must be a Uint8Array");
const nodeId = z.string().check(z.minLength(1), z.maxLength(200));
const requestId = z.number().check(z.int());

export const PluginCommand = /* @__PURE__ */ lazySchema(() => z.enum(["depth", "animation", "settings", "regenerate"]));
export type PluginCommand = z.infer<typeof PluginCommand>;

/** The depth map already placed for a layer: an animation can build on it without paying again. */
export const PlacedDepth = /* @__PURE__ */ lazySchema(() =>
  z.object({ resultId: ResultId, options: DisparityOptions }),
);
export type PlacedDepth = z.infer<typeof PlacedDepth>;

export const SelectionItem = /* @__PURE__ */ lazySchema(() =>
  z.object({
    nodeId,
    name: z.string(),
    width: z.number(),
    height: z.number(),
    /** PNG, at most 128 px on its long side; null when it could not be made. */
    thumbnail: z.nullable(bytes),
    depth: z.nullable(PlacedDepth),
  }),
);
export type SelectionItem = z.infer<typeof SelectionItem>;

export const SkippedItem = /* @__PURE__ */ lazySchema(() => z.object({ nodeId, name: z.string(), reason: z.string() }));
export type SkippedItem = z.infer<typeof SkippedItem>;

export const ResultKind = /* @__PURE__ */ lazySchema(() => z.enum(["depth", "animation"]));
export type ResultKind = z.infer<typeof ResultKind>;

/** What a result was made with, kept in the document beside it. */
export const ResultOptions = /* @__PURE__ */ lazySchema(() =>
  z.union([z.object({ disparity: DisparityOptions, animation: AnimationOptions }), DisparityOptions]),
);
export type ResultOptions = z.infer<typeof ResultOptions>;

/** A selected Depthframe result: made again from its source with the options it records. */
export const ResultItem = /* @__PURE__ */ lazySchema(() =>
  z.object({
    nodeId,
    name: z.string(),
    kind: ResultKind,
    sourceId: nodeId,
    sourceName: z.string(),
    options: ResultOptions,
    /** Who rendered it: results placed before this was recorded are Immersity's. */
    engine: AnimationEngine,
    /** ISO time it was placed; null for results placed before this was recorded. */
    madeAt: z.nullable(z.string()),
  }),
);
export type ResultItem = z.infer<typeof ResultItem>;

/** A selected layer depth map ("<frame> — Layer depth"): its frame's layered scene, for a developer. */
export const LayeredItem = /* @__PURE__ */ lazySchema(() =>
  z.object({ nodeId, name: z.string(), sourceId: nodeId, sourceName: z.string() }),
);
export type LayeredItem = z.infer<typeof LayeredItem>;

/** The plugin window opens at 360 × 600 and can be dragged from 300 × 360 (below which the footer
 *  and one option no longer fit) to 800 × 1000; the size chosen is kept in clientStorage. */
export const WINDOW_SIZE = {
  initial: { width: 360, height: 600 },
  min: { width: 300, height: 360 },
  max: { width: 800, height: 1000 },
} as const;
const side = (key: "width" | "height") =>
  z.number().check(z.int(), z.minimum(WINDOW_SIZE.min[key]), z.maximum(WINDOW_SIZE.max[key]));
export const WindowSize = /* @__PURE__ */ lazySchema(() => z.object({ width: side("width"), height: side("height") }));
export type WindowSize = z.infer<typeof WindowSize>;

/** A size within the window's bounds, whole pixels. */
export function clampWindowSize(size: WindowSize): WindowSize {
  const clamp = (key: "width" | "height") =>
    Math.round(Math.min(WINDOW_SIZE.max[key], Math.max(WINDOW_SIZE.min[key], size[key])));
  return { width: clamp("width"), height: clamp("height") };
}

/** What a developer is handed: a result, or a frame's layered scene (from its "— Layer depth" map). */
export const HandoffKind = /* @__PURE__ */ lazySchema(() => z.enum(["depth", "animation", "layered"]));
export type HandoffKind = z.infer<typeof HandoffKind>;

/** The file formats an animation is placed in: a video fill (MP4 or WebM) or an image fill (GIF). */
export const AnimationFormat = /* @__PURE__ */ lazySchema(() => z.enum(["mp4", "webm", "gif"]));
export type AnimationFormat = z.infer<typeof AnimationFormat>;

/** A result as a developer gets it, read from its plugin data (src/shared/handoff.ts). */
export const HandoffResult = /* @__PURE__ */ lazySchema(() =>
  z.object({
    kind: HandoffKind,
    /** The source layer's name, which the files are named after. */
    sourceName: z.string(),
    options: ResultOptions,
    animationFormat: z.optional(AnimationFormat),
    /** A layered scene's planes, back to front, by their layers' names; absent once its frame is gone. */
    planes: z.optional(z.array(z.object({ name: z.string(), depth: z.number().check(z.minimum(0), z.maximum(1)) }))),
    /** False for an animation whose depth map was never placed: there is nothing for the player to move. */
    hasDepthMap: z.boolean(),
    width: z.number().check(z.int(), z.positive()),
    height: z.number().check(z.int(), z.positive()),
  }),
);
export type HandoffResult = z.infer<typeof HandoffResult>;

/** One file of a result per request: each structured clone then holds one image. */
export const HandoffPart = /* @__PURE__ */ lazySchema(() => z.enum(["source", "depth", "animation"]));
export type HandoffPart = z.infer<typeof HandoffPart>;

/** Sandbox → UI, unasked: sent after the UI said it is ready, then on every selection change. */
export const PluginEvent = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion("type", [
    z.object({
      type: z.literal("selection"),
      items: z.array(SelectionItem),
      skipped: z.array(SkippedItem),
      results: z.array(ResultItem),
      /** Absent from a sandbox older than layered scenes. */
      layered: z.optional(z.array(LayeredItem)),
      /** The plugin was opened by a result's "Regenerate" button. */
      regenerate: z.boolean(),
    }),
  ]),
);
export type PluginEvent = z.infer<typeof PluginEvent>;

/** UI → sandbox, each answered once. */
export const UiRequest = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("ready"), id: requestId }),
    z.object({ type: z.literal("export"), id: requestId, nodeId, targetSize: z.number().check(z.int(), z.positive()) }),
    /** A layer's image and the depth map placed for it, read from the canvas: what a local preview draws. */
    z.object({ type: z.literal("scene"), id: requestId, nodeId, targetSize: z.number().check(z.int(), z.positive()) }),
    z.object({
      type: z.literal("place"),
      id: requestId,
      nodeId,
      kind: ResultKind,
      bytes,
      contentType: z.enum(["image/png", "image/jpeg", "image/gif", "video/mp4", "video/webm"]),
      /** The backend's result, or for a local render the SHA-256 of its file. */
      resultId: ResultId,
      options: ResultOptions,
      /** Absent for Immersity's results. */
      engine: z.optional(AnimationEngine),

      /** Where the UI downloaded it: Figma gives a video's bytes back to no one, so an export fetches them again. */
      // A pattern rather than z.url(): the sandbox parses this and has no URL class.
      url: z.optional(z.string().check(z.maxLength(8000), z.regex(/^https?:\/\/\S+$/i))),
    }),
    z.object({
      type: z.literal("finish"),
      id: requestId,
      placedNodeIds: z.array(nodeId),
      message: z.string().check(z.maxLength(100)),
      /** False when the designer selected something else during the batch: theirs is kept. */
      select: z.boolean(),
    }),
    /** Select and zoom to these layers (a result's source, or a batch's results). */
    z.object({ type: z.literal("select"), id: requestId, nodeIds: z.array(nodeId) }),
    z.object({ type: z.literal("handoff"), id: requestId, nodeId, part: HandoffPart }),
    z.object({ type: z.literal("saveSettings"), id: requestId, settings: Settings }),
    z.extend(WindowSize, { type: z.literal("resize"), id: requestId }),
    ...PlaneRequests,
  ]),
);
export type UiRequest = z.infer<typeof UiRequest>;
export type UiRequestType = UiRequest["type"];

export const ExportAnswer = /* @__PURE__ */ lazySchema(() =>
  z.object({
    bytes,
    contentType: z.enum(["image/png", "image/jpeg"]),
    width: z.number().check(z.int(), z.positive()),
    height: z.number().check(z.int(), z.positive()),
    /** True when these are the image fill's own bytes rather than an export. */
    original: z.boolean(),
  }),
);
export type ExportAnswer = z.infer<typeof ExportAnswer>;

/** A placed depth map as the canvas shows it. */
export const SceneDepth = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** PNG: the placed file itself (16-bit maps at full precision), or an export of what the layer shows. */
    bytes,
    width: z.number().check(z.int(), z.positive()),
    height: z.number().check(z.int(), z.positive()),
    /** The depth map's layer. */
    nodeId,
    /** True when the designer changed the layer since it was placed: the backend's copy no longer matches. */
    edited: z.boolean(),
  }),
);
export type SceneDepth = z.infer<typeof SceneDepth>;

/** depth is null when no depth map is placed for the layer. */
export const SceneAnswer = /* @__PURE__ */ lazySchema(() =>
  z.object({ image: ExportAnswer, depth: z.nullable(SceneDepth) }),
);
export type SceneAnswer = z.infer<typeof SceneAnswer>;

export const PlaceAnswer = /* @__PURE__ */ lazySchema(() =>
  z.union([
    z.object({ resultNodeId: nodeId, updated: z.boolean() }),
    /** Figma would not take the video (a Starter team's file, or the file itself): nothing was placed. */
    z.object({ videoRefused: z.string() }),
  ]),
);
export type PlaceAnswer = z.infer<typeof PlaceAnswer>;

export const HandoffAnswer = /* @__PURE__ */ lazySchema(() =>
  z.object({
    result: HandoffResult,
    file: z.union([
      z.object({ bytes, contentType: z.enum(["image/png", "image/gif"]) }),
      /** A video fill's bytes cannot be read back: the URL the UI placed it from. */
      z.object({ url: z.url(), contentType: z.enum(["video/mp4", "video/webm"]) }),
    ]),
  }),
);
export type HandoffAnswer = z.infer<typeof HandoffAnswer>;

export const EmptyAnswer = /* @__PURE__ */ lazySchema(() => z.object({}));

export const ReadyAnswer = /* @__PURE__ */ lazySchema(() => z.object({ command: PluginCommand, settings: Settings }));
export type ReadyAnswer = z.infer<typeof ReadyAnswer>;

/** What each request is answered with. */
export const ANSWERS = {
  ready: ReadyAnswer,
  export: ExportAnswer,
  scene: SceneAnswer,
  place: PlaceAnswer,
  finish: EmptyAnswer,
  select: EmptyAnswer,
  handoff: HandoffAnswer,
  saveSettings: EmptyAnswer,
  resize: EmptyAnswer,
  planes: PlanesAnswer,
  planePart: PlanePartAnswer,
  setPlaneDepth: EmptyAnswer,
  setPlaneRelief: EmptyAnswer,
  placeLayerDepth: PlacedLayerDepth,
} as const satisfies Record<UiRequestType, z.ZodMiniType>;
export type AnswerOf<T extends UiRequestType> = z.infer<(typeof ANSWERS)[T]>;

export const Answer = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion("ok", [
    z.object({ type: z.literal("answer"), id: requestId, ok: z.literal(true), value: z.unknown() }),
    z.object({ type: z.literal("answer"), id: requestId, ok: z.literal(false), error: z.string() }),
  ]),
);
export type Answer = z.infer<typeof Answer>;

export const SandboxMessage = /* @__PURE__ */ lazySchema(() => z.union([PluginEvent, Answer]));
export type SandboxMessage = z.infer<typeof SandboxMessage>;
