// A running batch and what the designer does meanwhile: selection changes wait until it ends, so
// the list keeps showing what runs; at the end the results are selected only when the designer's
// selection is unchanged, and otherwise offered ("Select 3 results").
import { useRef, useState } from "preact/hooks";
import type { PluginEvent } from "../../shared/messages.js";
import type { Settings } from "../../shared/settings.js";
import type { BackendClient } from "../backend-client.js";
import { runBatch, summaryMessage } from "../batch.js";
import type { Bridge } from "../bridge.js";
import type { ItemState } from "../item-state.js";
import type { ItemJob } from "../run-item.js";

type SelectionEvent = Extract<PluginEvent, { type: "selection" }>;

interface Running {
  controller: AbortController;
  /** The designer selected something else since the batch began. */
  changed: boolean;
  /** The batch's end was sent: selection events now come from the plugin itself. */
  finishing: boolean;
  latest: SelectionEvent | null;
}

/** `show` puts a selection on screen; it must only call state setters (it is kept from the first render). */
export function useBatch(bridge: Bridge, show: (event: SelectionEvent) => void) {
  const [states, setStates] = useState<Record<string, ItemState>>({});
  const [batchIds, setBatchIds] = useState<string[] | null>(null);
  const [placedElsewhere, setPlacedElsewhere] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState("");
  /** The sentence of the last batch the account ran dry in, said once for all its rows. */
  const [accountEmpty, setAccountEmpty] = useState<string | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const current = useRef<Running | null>(null);

  function apply(event: SelectionEvent) {
    // Rows of the new selection start fresh, unless they are the ones the batch just ran.
    const kept = new Set([...event.items.map((i) => i.nodeId), ...event.results.map((r) => r.sourceId)]);
    setStates((previous) => Object.fromEntries(Object.entries(previous).filter(([id]) => kept.has(id))));
    show(event);
  }

  /** Applies a selection now, or keeps it for the batch's end. */
  function onSelection(event: SelectionEvent) {
    const batch = current.current;
    if (!batch) {
      setBatchIds(null);
      setPlacedElsewhere([]);
      apply(event);
      return;
    }
    if (!batch.finishing) batch.changed = true;
    batch.latest = event;
  }

  async function run(jobs: ItemJob[], noun: string, client: BackendClient, settings: Settings) {
    if (current.current) return;
    const batch: Running = {
      controller: new AbortController(),
      changed: false,
      finishing: false,
      latest: null,
    };
    current.current = batch;
    setRunning(batch);
    setBatchIds(jobs.map((j) => j.nodeId));
    setPlacedElsewhere([]);
    setAccountEmpty(null);
    setAnnouncement(`Generating ${jobs.length} ${noun}${jobs.length === 1 ? "" : "s"}.`);
    try {
      const summary = await runBatch(
        jobs,
        {
          bridge,
          client,
          report: (nodeId, state) => setStates((s) => ({ ...s, [nodeId]: state })),
          onAccountEmpty: setAccountEmpty,
        },
        {
          concurrency: settings.concurrency,
          itemTimeoutS: settings.itemTimeoutS,
          backendUrl: settings.backendUrl,
        },
        batch.controller.signal,
      );
      batch.finishing = true;
      const message = summaryMessage(summary, noun);
      const select = !batch.changed;
      await bridge.request("finish", { placedNodeIds: summary.placedNodeIds, message, select });
      // The list turns to the designer's new selection: the offer and the notice tell the outcome.
      if (!select) {
        setPlacedElsewhere(summary.placedNodeIds);
        setBatchIds(null);
      }
      setAnnouncement(message);
    } finally {
      current.current = null;
      setRunning(null);
      if (batch.latest) apply(batch.latest);
    }
  }

  return {
    states,
    setStates,
    running: running !== null,
    batchIds,
    placedElsewhere,
    announcement,
    accountEmpty,
    onSelection,
    run,
    cancel: () => running?.controller.abort(),
    /** A row clicked: its layer selected and zoomed to, the list kept as it is. During a batch this
     *  is the designer's own selection, which the batch's end then leaves alone. */
    selectLayer: async (nodeId: string) => {
      const batch = current.current;
      if (batch && !batch.finishing) batch.changed = true;
      await bridge.request("select", { nodeIds: [nodeId], keepList: true });
    },
    selectPlaced: async () => {
      await bridge.request("select", { nodeIds: placedElsewhere });
      setPlacedElsewhere([]);
    },
  };
}
