// The questions the footer asks before credits are spent or a batch stops, as Confirm steps.
import type { Prices } from "../../shared/immersity.js";
import type { ResultItem } from "../../shared/messages.js";
import { COST_UNKNOWN } from "../error-text.js";
import { regenerateEstimate } from "../regenerate.js";
import { spendQuestion, type Spend } from "../spend.js";
import type { Confirm } from "./batch-footer.js";

type Answers = Pick<Confirm, "onBack" | "onConfirm">;

/** While the prices are unknown, whether they are still coming. */
export type PricesState = keyof typeof COST_UNKNOWN | "ok";

/** Making results again always asks, with the cost of making them fresh. */
export function regenerateConfirm(
  prices: Prices | null,
  pricesState: PricesState,
  results: ResultItem[],
  answers: Answers,
): Confirm {
  const cost = regenerateEstimate(prices, results);
  const what = results.length === 1 ? results[0]!.name : `${results.length} results`;
  return {
    text:
      `Make ${what} again with the options ${results.length === 1 ? "it was" : "they were"} made with, ` +
      `skipping stored results. ${cost ?? COST_UNKNOWN[pricesState === "checking" ? "checking" : "failed"]}.`,
    action: cost ? `Regenerate (${cost.replace(/^Up to /, "")})` : "Regenerate",
    ...answers,
  };
}

/** A Generate above the designer's threshold asks once, showing its estimate. */
export function spendConfirm(
  what: string,
  spend: Spend,
  threshold: number,
  pricesState: PricesState,
  answers: Answers,
): Confirm {
  return { ...spendQuestion(what, spend, threshold, pricesState === "checking" ? "checking" : "failed"), ...answers };
}

/** Esc asks before stopping a batch: what is already placed stays. */
export const stopConfirm = (answers: Answers): Confirm => ({
  text: "Stop this batch? Results already placed stay; the rest are not made.",
  action: "Stop",
  ...answers,
});
