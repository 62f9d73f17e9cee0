// What the list shows for each selected layer.
export type ItemState =
  | { status: "idle" }
  | { status: "queued" }
  | { status: "exporting" }
  | { status: "uploading"; progress: number }
  | { status: "generating" }
  | { status: "downloading"; progress: number }
  | { status: "placing" }
  | { status: "done"; cached: boolean; note?: string }
  | { status: "error"; message: string }
  | { status: "cancelled" };

export const isBusy = (state: ItemState) => !["idle", "done", "error", "cancelled"].includes(state.status);

export function stateLabel(state: ItemState): string {
  switch (state.status) {
    case "idle":
      return "";
    case "uploading":
    case "downloading":
      return `${state.status === "uploading" ? "Uploading" : "Downloading"} ${Math.round(state.progress * 100)}%`;
    case "done":
      return [state.cached ? "Done (from cache)" : "Done", state.note].filter(Boolean).join(". ");
    case "error":
      return state.message;
    default:
      return state.status.charAt(0).toUpperCase() + state.status.slice(1) + (state.status === "cancelled" ? "" : "…");
  }
}
