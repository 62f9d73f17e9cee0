// What a Generate would spend, whether it asks first (above the designer's threshold, or when the
// cost is unknown), and what the footer says in place of an estimate while the backend is unchecked.
import type { Prices } from "../shared/immersity.js";
import type { SelectionItem } from "../shared/messages.js";
import type { Settings } from "../shared/settings.js";
import {
  animationCredits,
  animationEstimate,
  depthCredits,
  depthEstimate,
  layeredCredits,
  layeredEstimate,
  localCredits,
  localEstimate,
} from "./credit-estimate.js";
import { COST_UNKNOWN, ESTIMATE_MISSING } from "./error-text.js";
import type { Preflight } from "./preflight.js";

export type SpendKind = "depth" | "animation";

export interface Spend {
  /** "Up to 30 credits (…)", or null when the prices are unknown or nothing is selected. */
  estimate: string | null;
  /** An upper bound; null when the prices are unknown. */
  credits: number | null;
}

/** A frame shown as its layers: its planes, and whether each is a photo given relief. */
export type Planes = ReadonlyArray<{ photo: boolean; relief: boolean }>;

export function spendFor(
  kind: SpendKind,
  items: SelectionItem[],
  settings: Settings,
  prices: Prices | null,
  fresh: boolean,
  planes: Planes | null = null,
): Spend {
  if (kind === "depth")
    return { estimate: depthEstimate(prices, items.length, fresh), credits: depthCredits(prices, items.length) };
  if (planes) {
    const motion = { engine: settings.animationEngine, animationType: settings.animation.animationType };
    return {
      estimate: layeredEstimate(prices, planes, motion, fresh),
      credits: layeredCredits(prices, planes, motion)?.total ?? null,
    };
  }
  if (settings.animationEngine === "local")
    return { estimate: localEstimate(prices, items, fresh), credits: localCredits(prices, items) };
  return {
    estimate: animationEstimate(prices, items, settings, fresh),
    credits: animationCredits(prices, items, settings)?.total ?? null,
  };
}

/** Above the threshold, or of unknown cost, a run is confirmed first. */
export const asksFirst = (spend: Spend, threshold: number) => spend.credits === null || spend.credits > threshold;

/** Only a local render from placed depth maps runs without the backend. */
export const needsBackend = (spend: Spend) => spend.credits !== 0;

/** The footer's line: the estimate, or why there is none yet. */
export function footerEstimate(spend: Spend, check: Preflight, count: number): string | null {
  if (count === 0 || check.state === "ok" || !needsBackend(spend)) return spend.estimate;
  return ESTIMATE_MISSING[check.state];
}

/** The question before a large spend, with its estimate. */
export function spendQuestion(
  what: string,
  spend: Spend,
  threshold: number,
  unknown: keyof typeof COST_UNKNOWN = "failed",
): { text: string; action: string } {
  if (spend.credits === null || !spend.estimate)
    return {
      text: `Generate ${what}? ${COST_UNKNOWN[unknown]}.`,
      action: "Generate anyway",
    };
  return {
    text: `Generate ${what}? ${spend.estimate}: more than ${threshold}, the limit set in Settings for asking first.`,
    action: `Spend up to ${spend.credits} credits`,
  };
}
