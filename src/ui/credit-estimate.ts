// Credit estimates before a run, from the backend's price list. Results already stored cost
// nothing, so these are upper bounds.
import type { Prices } from "../shared/immersity.js";
import type { SelectionItem } from "../shared/messages.js";
import type { Settings } from "../shared/settings.js";
import { reusableDepth } from "./placed-depth.js";

const firstPrice = (table: Record<string, number> | undefined) => (table ? Object.values(table)[0] : undefined);

function describe(total: number, detail: string): string {
  return `Up to ${total} credit${total === 1 ? "" : "s"} (${detail})`;
}

export function depthEstimate(prices: Prices | null, count: number, fresh: boolean): string | null {
  const perImage = firstPrice(prices?.disparity);
  if (perImage === undefined || count === 0) return null;
  return describe(perImage * count, `${perImage} per image${fresh ? "" : "; stored results are free"}`);
}

/** An animation costs its own call plus a disparity call, unless the layer's placed depth map was made with the same options. */
export function animationEstimate(
  prices: Prices | null,
  items: SelectionItem[],
  settings: { disparity: Required<Settings["disparity"]>; animation: Settings["animation"] },
  fresh: boolean,
): string | null {
  const depth = firstPrice(prices?.disparity);
  const animation = prices?.animation[settings.animation.animationType ?? "mp4"] ?? firstPrice(prices?.animation);
  if (depth === undefined || animation === undefined || items.length === 0) return null;
  const reusable = items.filter((i) => reusableDepth(i.depth, settings.disparity)).length;
  const total = items.length * animation + (items.length - reusable) * depth;
  const parts = [`${animation} per animation`, `${depth} per depth map`];
  if (reusable) parts.push(`${reusable} depth map${reusable === 1 ? "" : "s"} reused`);
  if (!fresh) parts.push("stored results are free");
  return describe(total, parts.join(", "));
}
