// A batch of items with limited concurrency, a timeout per item, and cancel. One failure never
// stops the rest, except an empty account, which would fail them all alike; each ends done,
// failed with a sentence, not started, or cancelled.
import { BackendError } from "./backend-client.js";
import { describeFailure, OUT_OF_CREDITS_ROW } from "./error-text.js";
import type { ItemState } from "./item-state.js";
import { runLocalItem } from "./local-render.js";
import { runItem, type ItemDeps, type ItemJob } from "./run-item.js";

export interface BatchOptions {
  concurrency: number;
  itemTimeoutS: number;
  backendUrl: string;
}

export interface BatchSummary {
  /** The results of the layers that are done, placed now or already up to date. */
  placedNodeIds: string[];
  /** How many of those were left as they were. */
  upToDate: number;
  failed: number;
  cancelled: number;
  /** Items never tried because the account ran out of credits. */
  unstarted: number;
}

export function summaryMessage(summary: BatchSummary, noun = "depth map"): string {
  const counted = (n: number) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const placed = summary.placedNodeIds.length - summary.upToDate;
  const parts: string[] = [];
  if (placed > 0 || summary.upToDate === 0) parts.push(`${counted(placed)} placed`);
  if (summary.upToDate) parts.push(`${parts.length ? summary.upToDate : counted(summary.upToDate)} already up to date`);
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.cancelled) parts.push(`${summary.cancelled} cancelled`);
  if (summary.unstarted) parts.push(`${summary.unstarted} not started`);
  return parts.join(", ").slice(0, 100);
}

export async function runBatch(
  jobs: ItemJob[],
  deps: Omit<ItemDeps, "report"> & {
    report: (nodeId: string, state: ItemState) => void;
    /** Told once, with the sentence, when the account runs out of credits; the rest are not tried. */
    onAccountEmpty?: (sentence: string) => void;
  },
  options: BatchOptions,
  signal: AbortSignal,
): Promise<BatchSummary> {
  const summary: BatchSummary = { placedNodeIds: [], upToDate: 0, failed: 0, cancelled: 0, unstarted: 0 };
  for (const job of jobs) deps.report(job.nodeId, { status: "queued" });
  let next = 0;
  let accountEmpty = false;

  async function worker(): Promise<void> {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const report = (state: ItemState) => deps.report(job.nodeId, state);
      if (signal.aborted) {
        summary.cancelled++;
        report({ status: "cancelled" });
        continue;
      }
      if (accountEmpty) {
        summary.unstarted++;
        report({ status: "unstarted" });
        continue;
      }
      const itemSignal = AbortSignal.any([signal, AbortSignal.timeout(options.itemTimeoutS * 1000)]);
      try {
        const run = job.work.kind === "animation" && job.work.engine === "local" ? runLocalItem : runItem;
        const placed = await run(job, { ...deps, report }, itemSignal);
        summary.placedNodeIds.push(placed.resultNodeId);
        if (placed.upToDate) summary.upToDate++;
        report({
          status: "done",
          cached: placed.cached,
          ...(placed.upToDate ? { upToDate: true } : {}),
          ...(placed.note ? { note: placed.note } : {}),
        });
      } catch (error) {
        if (signal.aborted) {
          summary.cancelled++;
          report({ status: "cancelled" });
        } else {
          summary.failed++;
          const message = describeFailure(itemSignal.aborted ? itemSignal.reason : error, options);
          if (error instanceof BackendError && error.code === "insufficient_credits") {
            if (!accountEmpty) deps.onAccountEmpty?.(message);
            accountEmpty = true;
            report({ status: "error", message: OUT_OF_CREDITS_ROW });
          } else report({ status: "error", message });
        }
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return summary;
}
