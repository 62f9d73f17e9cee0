// The overall progress of a batch, counted from its rows' states.
import type { ItemState } from "./item-state.js";

export interface BatchProgress {
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  unstarted: number;
}

export function batchProgress(ids: readonly string[], states: Record<string, ItemState>): BatchProgress {
  const count = (status: ItemState["status"]) => ids.filter((id) => states[id]?.status === status).length;
  return {
    total: ids.length,
    done: count("done"),
    failed: count("error"),
    cancelled: count("cancelled"),
    unstarted: count("unstarted"),
  };
}

/** "4 of 10 done, 1 failed". */
export function progressText(p: BatchProgress): string {
  const parts = [`${p.done} of ${p.total} done`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.cancelled) parts.push(`${p.cancelled} cancelled`);
  if (p.unstarted) parts.push(`${p.unstarted} not started`);
  return parts.join(", ");
}
