// What the list shows for each selected layer.
export type ItemState =
  | { status: "idle" }
  | { status: "queued" }
  | { status: "exporting" }
  | { status: "uploading"; progress: number }
  | { status: "generating" }
  /** A local render, counted in frames. */
  | { status: "rendering"; frame: number; frames: number }
  | { status: "downloading"; progress: number }
  | { status: "placing" }
  /** upToDate: the result placed earlier was this one, unchanged, and was left as it is. */
  | { status: "done"; cached: boolean; upToDate?: boolean; note?: string }
  | { status: "error"; message: string }
  /** Never tried: the batch stopped before it, as when the account ran out of credits. */
  | { status: "unstarted" }
  | { status: "cancelled" };

export const isBusy = (state: ItemState) => !["idle", "done", "error", "unstarted", "cancelled"].includes(state.status);

/** Rows that "Retry failed" runs again. */
export const isRetryable = (state: ItemState | undefined) => state?.status === "error" || state?.status === "unstarted";

export function stateLabel(state: ItemState): string {
  switch (state.status) {
    case "idle":
      return "";
    case "uploading":
    case "downloading":
      return `${state.status === "uploading" ? "Uploading" : "Downloading"} ${Math.round(state.progress * 100)}%`;
    case "rendering":
      return `Rendering frame ${state.frame} of ${state.frames}`;
    case "done":
      return [state.upToDate ? "Already up to date" : state.cached ? "Done (from cache)" : "Done", state.note]
        .filter(Boolean)
        .join(". ");
    case "error":
      return state.message;
    case "unstarted":
      return "Not started";
    default:
      return state.status.charAt(0).toUpperCase() + state.status.slice(1) + (state.status === "cancelled" ? "" : "…");
  }
}

/** How far a step that counts is, from 0 to 1; null for steps that do not. */
export function progressOf(state: ItemState): number | null {
  if (state.status === "uploading" || state.status === "downloading") return state.progress;
  if (state.status === "rendering") return state.frame / Math.max(1, state.frames);
  return null;
}
