// Making selected results again as what they are, from the options recorded on each: a depth map
// the same depth map, a 3D result the same animation. Always fresh: the designer asked for a new one.
import type { AnimationOptions, DisparityOptions } from "../shared/api.js";
import { DISPARITY_DEFAULTS, type Prices } from "../shared/immersity.js";
import type { ResultItem, ResultOptions } from "../shared/messages.js";
import { presetOf } from "./motion-presets.js";
import type { ItemJob } from "./run-item.js";

const firstPrice = (table: Record<string, number> | undefined) => (table ? Object.values(table)[0] : undefined);

function recorded(options: ResultOptions): {
  disparity: Required<DisparityOptions>;
  animation: AnimationOptions | null;
} {
  if ("animation" in options) {
    return {
      disparity: { ...DISPARITY_DEFAULTS, ...options.disparity },
      animation: options.animation,
    };
  }
  return { disparity: { ...DISPARITY_DEFAULTS, ...options }, animation: null };
}

export function regenerateJob(result: ResultItem, targetSize: number): ItemJob {
  const { disparity, animation } = recorded(result.options);
  const work =
    result.kind === "animation" && animation
      ? { kind: "animation" as const, disparity, options: animation, engine: result.engine, depth: null }
      : { kind: "depth" as const, options: disparity };
  return { nodeId: result.sourceId, targetSize, fresh: true, work };
}

/** Fresh, so nothing comes from storage: an animation pays for its depth map too (a local one only for that). */
export function regenerateEstimate(prices: Prices | null, results: ResultItem[]): string | null {
  const depth = firstPrice(prices?.disparity);
  if (!prices || depth === undefined || results.length === 0) return null;
  let total = 0;
  for (const result of results) {
    const { animation } = recorded(result.options);
    // A local render is free; its layer may still need a depth map made.
    if (result.kind === "depth" || !animation || result.engine === "local") total += depth;
    else {
      const price = prices.animation[animation.animationType ?? "mp4"] ?? firstPrice(prices.animation);
      if (price === undefined) return null;
      total += price + depth;
    }
  }
  return `Up to ${total} credit${total === 1 ? "" : "s"}`;
}

const KIND = { depth: "Depth map", animation: "3D animation" } as const;

/** "3D animation · MP4, 4 s, Horizontal" or "Depth map · 8-bit, edge dilation 0.0063". */
export function resultSummary(result: ResultItem): string {
  const { disparity, animation } = recorded(result.options);
  const parts =
    result.kind === "animation" && animation
      ? [
          (animation.animationType ?? "mp4").toUpperCase(),
          `${animation.animationLength ?? 4} s`,
          presetOf(animation) ?? (animation.pattern ? "camera pattern" : "custom motion"),
          ...(result.engine === "local" ? ["rendered on this computer"] : []),
        ]
      : [disparity.outputBitDepth === "uint16" ? "16-bit" : "8-bit", `edge dilation ${disparity.dilation}`];
  return `${KIND[result.kind]} · ${parts.join(", ")}`;
}

/** "Made 3 Dec 2026, 11:58", in the designer's locale; older results did not record it. */
export function madeAtText(madeAt: string | null): string {
  if (!madeAt) return "Made before this plugin recorded when";
  const when = new Date(madeAt);
  if (Number.isNaN(when.getTime())) return "Made at an unknown time";
  return `Made ${when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}`;
}
