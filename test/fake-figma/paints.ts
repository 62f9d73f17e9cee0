/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// Paint and effect arrays as Figma stores them: validated on assignment (unknown keys, out-of-range
// colours and bad enums are refused, as Figma's setters do), copied, filled in with the defaults
// Figma reports back, and frozen, because `node.fills` and its kin are read-only arrays that are
// only ever replaced wholesale.
import { checkKnownKeys, figmaError } from "./errors.js";

const COMMON_KEYS = ["type", "visible", "opacity", "blendMode"];
const GRADIENT_KEYS = ["gradientTransform", "gradientStops"];
const KEYS_BY_TYPE: Record<string, readonly string[]> = {
  SOLID: ["color", "boundVariables"],
  GRADIENT_LINEAR: GRADIENT_KEYS,
  GRADIENT_RADIAL: GRADIENT_KEYS,
  GRADIENT_ANGULAR: GRADIENT_KEYS,
  GRADIENT_DIAMOND: GRADIENT_KEYS,
  IMAGE: ["scaleMode", "imageHash", "imageTransform", "scalingFactor", "rotation", "filters"],
  VIDEO: ["scaleMode", "videoHash", "videoTransform", "scalingFactor", "rotation", "filters"],
  PATTERN: ["sourceNodeId", "tileType", "scalingFactor", "spacing", "horizontalAlignment"],
  SHADER: ["id", "properties", "propertyMetadata"],
};
const SCALE_MODES = ["FILL", "FIT", "CROP", "TILE"];
export const BLEND_MODES = [
  "PASS_THROUGH",
  "NORMAL",
  "DARKEN",
  "MULTIPLY",
  "LINEAR_BURN",
  "COLOR_BURN",
  "LIGHTEN",
  "SCREEN",
  "LINEAR_DODGE",
  "COLOR_DODGE",
  "OVERLAY",
  "SOFT_LIGHT",
  "HARD_LIGHT",
  "DIFFERENCE",
  "EXCLUSION",
  "HUE",
  "SATURATION",
  "COLOR",
  "LUMINOSITY",
];

const EFFECT_TYPES = [
  "DROP_SHADOW",
  "INNER_SHADOW",
  "LAYER_BLUR",
  "BACKGROUND_BLUR",
  "NOISE",
  "TEXTURE",
  "GLASS",
  "SHADER",
];

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

class StyleChecker {
  constructor(private readonly operation: string) {}

  fail(path: string, expectation: string): never {
    throw figmaError(this.operation, `Expected "${path}" to be ${expectation}`);
  }

  unitNumber(value: unknown, path: string): void {
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) this.fail(path, "a number between 0 and 1");
  }

  oneOf(value: unknown, allowed: readonly string[], path: string): void {
    if (typeof value !== "string" || !allowed.includes(value)) this.fail(path, `one of ${allowed.join(", ")}`);
  }

  colour(value: unknown, path: string, channels: readonly string[]): void {
    if (!isFields(value)) this.fail(path, "a colour object");
    checkKnownKeys(value, [...channels, "sourceColor"], this.operation);
    for (const channel of channels) this.unitNumber(value[channel], `${path}.${channel}`);
  }

  paint(value: unknown, path: string): void {
    if (!isFields(value)) this.fail(path, "a paint object");
    const typeKeys = typeof value.type === "string" ? KEYS_BY_TYPE[value.type] : undefined;
    if (!typeKeys) this.fail(`${path}.type`, `one of ${Object.keys(KEYS_BY_TYPE).join(", ")}`);
    checkKnownKeys(value, [...COMMON_KEYS, ...typeKeys], this.operation);
    if (value.visible !== undefined && typeof value.visible !== "boolean") this.fail(`${path}.visible`, "a boolean");
    if (value.opacity !== undefined) this.unitNumber(value.opacity, `${path}.opacity`);
    if (value.blendMode !== undefined) this.oneOf(value.blendMode, BLEND_MODES, `${path}.blendMode`);
    switch (value.type) {
      case "SOLID":
        this.colour(value.color, `${path}.color`, ["r", "g", "b"]);
        break;
      case "IMAGE":
      case "VIDEO": {
        this.oneOf(value.scaleMode, SCALE_MODES, `${path}.scaleMode`);
        const hashKey = value.type === "IMAGE" ? "imageHash" : "videoHash";
        if (value[hashKey] !== null && typeof value[hashKey] !== "string")
          this.fail(`${path}.${hashKey}`, "a string or null");
        break;
      }
      case "GRADIENT_LINEAR":
      case "GRADIENT_RADIAL":
      case "GRADIENT_ANGULAR":
      case "GRADIENT_DIAMOND":
        if (!Array.isArray(value.gradientStops)) this.fail(`${path}.gradientStops`, "an array of colour stops");
        value.gradientStops.forEach((stop: unknown, i: number) => {
          const stopPath = `${path}.gradientStops[${i}]`;
          if (!isFields(stop)) this.fail(stopPath, "a colour stop");
          this.unitNumber(stop.position, `${stopPath}.position`);
          this.colour(stop.color, `${stopPath}.color`, ["r", "g", "b", "a"]);
        });
        break;
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export function normalisePaints(value: unknown, operation: string): ReadonlyArray<Paint> {
  if (!Array.isArray(value)) throw figmaError(operation, "Expected an array of paints");
  const checker = new StyleChecker(operation);
  value.forEach((paint, i) => checker.paint(paint, `[${i}]`));
  const paints = structuredClone(value).map((paint: Paint) => ({
    visible: true,
    opacity: 1,
    blendMode: "NORMAL",
    ...paint,
  }));
  return deepFreeze(paints as Paint[]);
}

// Effects are only stored (the fake does not draw them), so only their kind and visibility are checked.
export function normaliseEffects(value: unknown, operation: string): ReadonlyArray<Effect> {
  if (!Array.isArray(value)) throw figmaError(operation, "Expected an array of effects");
  // Annotated, so that a failing check narrows the value it checked.
  const checker: StyleChecker = new StyleChecker(operation);
  value.forEach((effect: unknown, i) => {
    if (!isFields(effect)) checker.fail(`[${i}]`, "an effect object");
    checker.oneOf(effect.type, EFFECT_TYPES, `[${i}].type`);
    if (typeof effect.visible !== "boolean") checker.fail(`[${i}].visible`, "a boolean");
  });
  return deepFreeze(structuredClone(value) as Effect[]);
}

export function solidPaint(r: number, g: number, b: number, opacity = 1): SolidPaint {
  return { type: "SOLID", color: { r, g, b }, opacity };
}
