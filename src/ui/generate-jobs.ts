// The jobs a Generate runs for the selected layers, with the tab's options as they are now.
import type { SelectionItem } from "../shared/messages.js";
import type { Settings } from "../shared/settings.js";
import type { LayeredSource } from "./planes/layered-work.js";
import type { ItemJob, ItemWork } from "./run-item.js";

/** `layered`: the frame shown as its layers, animated as them. */
export function generateJobs(
  kind: ItemWork["kind"],
  items: SelectionItem[],
  settings: Settings,
  fresh: boolean,
  layered: { nodeId: string; source: LayeredSource } | null = null,
): ItemJob[] {
  const workFor = (item: SelectionItem): ItemWork =>
    kind === "depth"
      ? { kind, options: settings.disparity }
      : {
          kind,
          disparity: settings.disparity,
          options: settings.animation,
          engine: settings.animationEngine,
          depth: item.depth,
          ...(layered && item.nodeId === layered.nodeId ? { layers: layered.source } : {}),
        };
  return items.map((item) => ({ nodeId: item.nodeId, targetSize: settings.targetSize, fresh, work: workFor(item) }));
}
