// Credit estimates before a run, from the backend's price list. Results already stored cost
// nothing, so these are upper bounds.
import type { Prices } from "../shared/immersity.js";
import type { SelectionItem } from "../shared/messages.js";
import type { AnimationEngine, Settings } from "../shared/settings.js";
import { reusableDepth } from "./placed-depth.js";

const firstPrice = (table: Record<string, number> | undefined) => (table ? Object.values(table)[0] : undefined);

function describe(total: number, detail: string): string {
  return `Up to ${total} credit${total === 1 ? "" : "s"} (${detail})`;
}

/** Immersity's credits for this many depth maps; null when the prices are unknown. */
export function depthCredits(prices: Prices | null, count: number): number | null {
  const perImage = firstPrice(prices?.disparity);
  return perImage === undefined ? null : perImage * count;
}

export function depthEstimate(prices: Prices | null, count: number, fresh: boolean): string | null {
  const perImage = depthCredits(prices, 1);
  if (perImage === null || count === 0) return null;
  return describe(perImage * count, `${perImage} per image${fresh ? "" : "; stored results are free"}`);
}

type AnimationSettings = { disparity: Required<Settings["disparity"]>; animation: Settings["animation"] };

/** Immersity's credits for animating these layers: its own call, plus a disparity call unless the
 *  layer's placed depth map was made with the same options; null when the prices are unknown. */
export function animationCredits(
  prices: Prices | null,
  items: SelectionItem[],
  settings: AnimationSettings,
): { total: number; animation: number; depth: number; reusable: number } | null {
  const depth = firstPrice(prices?.disparity);
  const animation = prices?.animation[settings.animation.animationType ?? "mp4"] ?? firstPrice(prices?.animation);
  if (depth === undefined || animation === undefined) return null;
  const reusable = items.filter((i) => reusableDepth(i.depth, settings.disparity)).length;
  return { total: items.length * animation + (items.length - reusable) * depth, animation, depth, reusable };
}

export function animationEstimate(
  prices: Prices | null,
  items: SelectionItem[],
  settings: AnimationSettings,
  fresh: boolean,
): string | null {
  const credits = animationCredits(prices, items, settings);
  if (!credits || items.length === 0) return null;
  const { total, animation, depth, reusable } = credits;
  const parts = [`${animation} per animation`, `${depth} per depth map`];
  if (reusable) parts.push(`${reusable} depth map${reusable === 1 ? "" : "s"} reused`);
  if (!fresh) parts.push("stored results are free");
  return describe(total, parts.join(", "));
}

/** A local render is free; a layer with no depth map placed still needs one made (paid, stored as today). */
export function localCredits(prices: Prices | null, items: SelectionItem[]): number | null {
  const missing = items.filter((i) => !i.depth).length;
  return missing === 0 ? 0 : depthCredits(prices, missing);
}

export function localEstimate(prices: Prices | null, items: SelectionItem[], fresh: boolean): string | null {
  if (items.length === 0) return null;
  const missing = items.filter((i) => !i.depth).length;
  if (missing === 0) return "Free: rendered on this computer from the placed depth maps";
  const depth = depthCredits(prices, 1);
  if (depth === null) return null;
  const total = depth * missing;
  const detail =
    `${depth} per depth map for ${missing} layer${missing === 1 ? "" : "s"} without one; rendering is ` + `free`;
  return describe(total, fresh ? detail : `${detail}; stored results are free`);
}

/** What a layered frame costs: its planes render for nothing; each photo plane given relief is one
 *  disparity call, and Immersity's animation with the layer depth map is its one call (no disparity
 *  call of its own); null when the prices are unknown. */
export function layeredCredits(
  prices: Prices | null,
  planes: readonly { photo: boolean; relief: boolean }[],
  animation: { engine: AnimationEngine; animationType?: string } | null,
): { total: number; relief: number; animation: number; photos: number } | null {
  const photos = planes.filter((plane) => plane.photo && plane.relief).length;
  const depth = firstPrice(prices?.disparity);
  const perAnimation =
    animation?.engine === "immersity"
      ? (prices?.animation[animation.animationType ?? "mp4"] ?? firstPrice(prices?.animation))
      : 0;
  if (perAnimation === undefined || (photos > 0 && depth === undefined)) return null;
  const relief = photos * (depth ?? 0);
  return { total: relief + perAnimation, relief, animation: perAnimation, photos };
}

export function layeredEstimate(
  prices: Prices | null,
  planes: readonly { photo: boolean; relief: boolean }[],
  animation: { engine: AnimationEngine; animationType?: string } | null,
  fresh: boolean,
): string | null {
  const credits = layeredCredits(prices, planes, animation);
  if (!credits) return null;
  if (credits.total === 0) return "0 credits: the layers render here, no photo needs relief";
  const parts = [];
  if (credits.photos) parts.push(`relief for ${credits.photos} photo${credits.photos === 1 ? "" : "s"}`);
  if (credits.animation) parts.push("1 animation call with the layer depth map");
  if (!fresh) parts.push("stored results are free");
  return describe(credits.total, parts.join(", "));
}
