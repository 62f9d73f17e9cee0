// Messages between the plugin sandbox and its UI iframe. Requests carry an id and get exactly one
// answer with that id; events need none. Both sides validate what they receive with these schemas.
import * as z from "zod";
import { AnimationOptions, DisparityOptions, ResultId } from "./api.js";
import { PlanePartAnswer, PlaneRequests, PlanesAnswer } from "./planes.js";
import { Settings } from "./settings.js";

// Structured clones keep Uint8Array as it is; JSON would not.
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "must be a Uint8Array");
const nodeId = z.string().min(1).max(200);

export const PluginCommand = z.enum(["depth", "animation", "settings", "regenerate"]);
export type PluginCommand = z.infer<typeof PluginCommand>;

/** The depth map already placed for a layer: an animation can build on it without paying again. */
export const PlacedDepth = z.object({ resultId: ResultId, options: DisparityOptions });
export type PlacedDepth = z.infer<typeof PlacedDepth>;

export const SelectionItem = z.object({
  nodeId,
  name: z.string(),
  width: z.number(),
  height: z.number(),
  /** PNG, at most 128 px on its long side; null when it could not be made. */
  thumbnail: bytes.nullable(),
  depth: PlacedDepth.nullable(),
});
export type SelectionItem = z.infer<typeof SelectionItem>;

export const SkippedItem = z.object({ nodeId, name: z.string(), reason: z.string() });
export type SkippedItem = z.infer<typeof SkippedItem>;

export const ResultKind = z.enum(["depth", "animation"]);
export type ResultKind = z.infer<typeof ResultKind>;

/** What a result was made with, kept in the document beside it. */
export const ResultOptions = z.union([
  z.object({ disparity: DisparityOptions, animation: AnimationOptions }),
  DisparityOptions,
]);
export type ResultOptions = z.infer<typeof ResultOptions>;

/** A selected Depthframe result: made again from its source with the options it records. */
export const ResultItem = z.object({
  nodeId,
  name: z.string(),
  kind: ResultKind,
  sourceId: nodeId,
  sourceName: z.string(),
  options: ResultOptions,
  /** ISO time it was placed; null for results placed before this was recorded. */
  madeAt: z.string().nullable(),
});
export type ResultItem = z.infer<typeof ResultItem>;

/** Sandbox → UI, unasked: sent after the UI said it is ready, then on every selection change. */
export const PluginEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("selection"),
    items: z.array(SelectionItem),
    skipped: z.array(SkippedItem),
    results: z.array(ResultItem),
    /** The plugin was opened by a result's "Regenerate" button. */
    regenerate: z.boolean(),
  }),
]);
export type PluginEvent = z.infer<typeof PluginEvent>;

/** UI → sandbox, each answered once. */
export const UiRequest = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), id: z.number().int() }),
  z.object({ type: z.literal("export"), id: z.number().int(), nodeId, targetSize: z.number().int().positive() }),
  z.object({
    type: z.literal("place"),
    id: z.number().int(),
    nodeId,
    kind: ResultKind,
    bytes,
    contentType: z.enum(["image/png", "image/jpeg", "image/gif", "video/mp4"]),
    resultId: ResultId,
    options: ResultOptions,
  }),
  z.object({
    type: z.literal("finish"),
    id: z.number().int(),
    placedNodeIds: z.array(nodeId),
    message: z.string().max(100),
    /** False when the designer selected something else during the batch: theirs is kept. */
    select: z.boolean(),
  }),
  /** Select and zoom to these layers (a result's source, or a batch's results). */
  z.object({ type: z.literal("select"), id: z.number().int(), nodeIds: z.array(nodeId) }),
  z.object({ type: z.literal("saveSettings"), id: z.number().int(), settings: Settings }),
  z.object({
    type: z.literal("resize"),
    id: z.number().int(),
    width: z.number().int().min(240).max(800),
    height: z.number().int().min(200).max(1000),
  }),
  ...PlaneRequests,
]);
export type UiRequest = z.infer<typeof UiRequest>;
export type UiRequestType = UiRequest["type"];

export const ExportAnswer = z.object({
  bytes,
  contentType: z.enum(["image/png", "image/jpeg"]),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** True when these are the image fill's own bytes rather than an export. */
  original: z.boolean(),
});
export type ExportAnswer = z.infer<typeof ExportAnswer>;

export const PlaceAnswer = z.union([
  z.object({ resultNodeId: nodeId, updated: z.boolean() }),
  /** Figma would not take the video (a Starter team's file, or the file itself): nothing was placed. */
  z.object({ videoRefused: z.string() }),
]);
export type PlaceAnswer = z.infer<typeof PlaceAnswer>;

export const EmptyAnswer = z.object({});

export const ReadyAnswer = z.object({ command: PluginCommand, settings: Settings });
export type ReadyAnswer = z.infer<typeof ReadyAnswer>;

/** What each request is answered with. */
export const ANSWERS = {
  ready: ReadyAnswer,
  export: ExportAnswer,
  place: PlaceAnswer,
  finish: EmptyAnswer,
  select: EmptyAnswer,
  saveSettings: EmptyAnswer,
  resize: EmptyAnswer,
  planes: PlanesAnswer,
  planePart: PlanePartAnswer,
  setPlaneDepth: EmptyAnswer,
} as const satisfies Record<UiRequestType, z.ZodType>;
export type AnswerOf<T extends UiRequestType> = z.infer<(typeof ANSWERS)[T]>;

export const Answer = z.discriminatedUnion("ok", [
  z.object({ type: z.literal("answer"), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal("answer"), id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);
export type Answer = z.infer<typeof Answer>;

export const SandboxMessage = z.union([PluginEvent, Answer]);
export type SandboxMessage = z.infer<typeof SandboxMessage>;
