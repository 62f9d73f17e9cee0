// A frame as planes: what the sandbox tells the UI about each plane of a layered scene (which
// layers' exports it is composited from, where they go in the frame's pixels, with what opacity and
// blend mode), and the requests that ask for them. The UI composites each plane (plane-compose.ts).
import * as z from "zod/mini";
import { lazySchema } from "./lazy-schema.js";

const nodeId = z.string().check(z.minLength(1), z.maxLength(200));
const int = z.number().check(z.int());
const positiveInt = z.number().check(z.int(), z.positive());
const unit = z.number().check(z.minimum(0), z.maximum(1));

/** The separable W3C blend modes the UI composites; any other flattens the frame (see the notes). */
export const PLANE_BLEND_MODES = [
  "NORMAL",
  "MULTIPLY",
  "SCREEN",
  "DARKEN",
  "LIGHTEN",
  "DIFFERENCE",
  "EXCLUSION",
  "LINEAR_BURN",
  "LINEAR_DODGE",
  "OVERLAY",
  "HARD_LIGHT",
] as const;
export const PlaneBlendMode = /* @__PURE__ */ lazySchema(() => z.enum(PLANE_BLEND_MODES));
export type PlaneBlendMode = z.infer<typeof PlaneBlendMode>;

/** Pixels of the plane, right and bottom exclusive. */
export const PixelBox = /* @__PURE__ */ lazySchema(() => z.object({ left: int, top: int, right: int, bottom: int }));
export type PixelBox = z.infer<typeof PixelBox>;

/** One layer's export (nodeId) or a flat colour the UI paints itself (an opened frame's own fill),
 *  placed at left/top in the plane's pixels. */
export const PlanePart = /* @__PURE__ */ lazySchema(() =>
  z.object({
    nodeId: z.nullable(nodeId),
    colour: z.nullable(z.object({ r: unit, g: unit, b: unit, a: unit })),
    left: int,
    top: int,
    width: positiveInt,
    height: positiveInt,
    opacity: unit,
    blendMode: PlaneBlendMode,
    /** Where a clipping frame around the layer cuts it; the plane's edges always do. */
    clip: z.nullable(PixelBox),
  }),
);
export type PlanePart = z.infer<typeof PlanePart>;

/** A mask and the layers above it that it cuts, composited apart and then cut. */
export const MaskedGroup = /* @__PURE__ */ lazySchema(() =>
  z.object({
    mask: PlanePart,
    maskType: z.enum(["ALPHA", "VECTOR", "LUMINANCE"]),
    parts: z.array(PlanePart),
  }),
);
export type MaskedGroup = z.infer<typeof MaskedGroup>;

export const PlaneItem = /* @__PURE__ */ lazySchema(() =>
  z.union([
    z.object({ kind: z.literal("part"), part: PlanePart }),
    z.object({ kind: z.literal("masked"), group: MaskedGroup }),
  ]),
);
export type PlaneItem = z.infer<typeof PlaneItem>;

/** What a plane is, for its default depth: a full-bleed bottom layer, text or an icon, or other. */
export const PlaneRole = /* @__PURE__ */ lazySchema(() => z.enum(["background", "text", "icon", "layer"]));
export type PlaneRole = z.infer<typeof PlaneRole>;

export const PlaneInfo = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The layer the plane's depth is stored on (its bottom layer). */
    key: nodeId,
    name: z.string(),
    nodeIds: z.array(nodeId).check(z.minLength(1)),
    items: z.array(PlaneItem),
    role: PlaneRole,
    /** What the plane covers, in its pixels. */
    bounds: PixelBox,
    /** The depth the designer set (0 far .. 1 near), read from plugin data; null for the default. */
    storedDepth: z.nullable(unit),
    /** The layer is an image fill that covers most of the plane: it can get relief. */
    photo: z.boolean(),
    /** The designer asked for this photo's relief from Immersity (stored on its layer); false otherwise. */
    relief: z.boolean(),
  }),
);
export type PlaneInfo = z.infer<typeof PlaneInfo>;

export const PlanesAnswer = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The frame's size in plane pixels (scaled like an export) and the scale from Figma units. */
    width: positiveInt,
    height: positiveInt,
    scale: z.number().check(z.positive()),
    planes: z.array(PlaneInfo),
    /** Plain sentences about what was merged or could not be kept apart. */
    notes: z.array(z.string()),
  }),
);
export type PlanesAnswer = z.infer<typeof PlanesAnswer>;

export const PlanePartAnswer = /* @__PURE__ */ lazySchema(() =>
  z.object({ bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array) }),
);

/** UI → sandbox requests about planes (merged into UiRequest in messages.ts). */
export const PlaneRequests = [
  /* @__PURE__ */ lazySchema(() =>
    z.object({
      type: z.literal("planes"),
      id: int,
      nodeId,
      targetSize: positiveInt,
      /** Groups and frames the designer opened: their children are planes instead of them. */
      open: z.array(nodeId).check(z.maxLength(100)),
    }),
  ),
  /** One layer's export at the planes' scale (one image per message). */
  /* @__PURE__ */ lazySchema(() =>
    z.object({ type: z.literal("planePart"), id: int, nodeId, scale: z.number().check(z.positive(), z.maximum(64)) }),
  ),
  /** Stores a plane's depth on its layer; null goes back to the default. */
  /* @__PURE__ */ lazySchema(() =>
    z.object({ type: z.literal("setPlaneDepth"), id: int, nodeId, depth: z.nullable(unit) }),
  ),
  /** Stores whether a photo plane gets relief (a paid disparity call) on its layer. */
  /* @__PURE__ */ lazySchema(() =>
    z.object({ type: z.literal("setPlaneRelief"), id: int, nodeId, relief: z.boolean() }),
  ),
  /** Places the frame's flat layer depth map (a 16-bit grey PNG) beside it. */
  /* @__PURE__ */ lazySchema(() =>
    z.object({
      type: z.literal("placeLayerDepth"),
      id: int,
      nodeId,
      bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    }),
  ),
] as const;

export const PlacedLayerDepth = /* @__PURE__ */ lazySchema(() =>
  z.object({ resultNodeId: nodeId, updated: z.boolean() }),
);
