import { Tabs } from "@create-figma-plugin/ui";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { DisparityOptions } from "../../shared/api.js";
import type { PluginCommand, SelectionItem, SkippedItem } from "../../shared/messages.js";
import type { Settings } from "../../shared/settings.js";
import { createBackendClient } from "../backend-client.js";
import { runBatch, summaryMessage } from "../batch.js";
import type { Bridge } from "../bridge.js";
import { creditEstimate } from "../credit-estimate.js";
import type { ItemState } from "../item-state.js";
import { DepthView } from "./depth-view.js";
import { SettingsView } from "./settings-view.js";

// Tabs show their value as the label.
type Tab = "Depth" | "3D animation" | "Settings";
const TAB_OF: Record<PluginCommand, Tab> = { depth: "Depth", regenerate: "Depth", animation: "3D animation", settings: "Settings" };

export function App({ bridge }: { bridge: Bridge }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [tab, setTab] = useState<Tab>("Depth");
  const [selection, setSelection] = useState<{ items: SelectionItem[]; skipped: SkippedItem[] }>({ items: [], skipped: [] });
  const [states, setStates] = useState<Record<string, ItemState>>({});
  const [options, setOptions] = useState<Required<DisparityOptions> | null>(null);
  const [fresh, setFresh] = useState(false);
  const [running, setRunning] = useState<AbortController | null>(null);
  const [pricePerImage, setPricePerImage] = useState<number | null>(null);
  const regenerate = useRef(false);

  const client = useMemo(() => (settings ? createBackendClient(settings.backendUrl, settings.apiKey) : null), [settings]);

  useEffect(() => {
    const stop = bridge.onEvent((event) => {
      setSelection({ items: event.items, skipped: event.skipped });
      // Results of the new selection start fresh, unless a batch is still showing them.
      setStates((previous) => Object.fromEntries(event.items.filter((i) => previous[i.nodeId]).map((i) => [i.nodeId, previous[i.nodeId]!])));
      regenerate.current = event.regenerate;
    });
    void bridge.request("ready", {}).then((ready) => {
      setSettings(ready.settings);
      setOptions(ready.settings.disparity);
      setTab(TAB_OF[ready.command]);
    });
    return stop;
  }, [bridge]);

  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    client
      .prices(controller.signal)
      .then((prices) => setPricePerImage(Object.values(prices.disparity)[0] ?? null))
      .catch(() => setPricePerImage(null));
    return () => controller.abort();
  }, [client]);

  async function generate(nodeIds: string[], makeFresh: boolean) {
    if (!settings || !client || !options || running) return;
    const controller = new AbortController();
    setRunning(controller);
    try {
      // The options used last become the defaults next time.
      if (JSON.stringify(options) !== JSON.stringify(settings.disparity)) {
        const next = { ...settings, disparity: options };
        await bridge.request("saveSettings", { settings: next });
        setSettings(next);
      }
      const jobs = nodeIds.map((nodeId) => ({ nodeId, targetSize: settings.targetSize, options, fresh: makeFresh }));
      const summary = await runBatch(
        jobs,
        { bridge, client, report: (nodeId, state) => setStates((s) => ({ ...s, [nodeId]: state })) },
        { concurrency: settings.concurrency, itemTimeoutS: settings.itemTimeoutS, backendUrl: settings.backendUrl },
        controller.signal,
      );
      await bridge.request("finish", { placedNodeIds: summary.placedNodeIds, message: summaryMessage(summary) });
    } finally {
      setRunning(null);
    }
  }

  // The "Regenerate" relaunch button: make the selected results again, bypassing the cache.
  useEffect(() => {
    if (regenerate.current && selection.items.length && settings && !running) {
      regenerate.current = false;
      void generate(
        selection.items.map((i) => i.nodeId),
        true,
      );
    }
  }, [selection, settings]);

  if (!settings || !options) return <div class="screen hint">Loading…</div>;

  return (
    <div class="app">
      <Tabs
        value={tab}
        onValueChange={(value: string) => setTab(value as Tab)}
        options={(["Depth", "3D animation", "Settings"] as const).map((value) => ({ value, children: null }))}
      />
      {tab === "Depth" ? (
        <DepthView
          items={selection.items}
          skipped={selection.skipped}
          states={states}
          options={options}
          fresh={fresh}
          estimate={creditEstimate(pricePerImage, selection.items.length, fresh)}
          running={running !== null}
          onOptions={setOptions}
          onFresh={setFresh}
          onGenerate={() => generate(selection.items.map((i) => i.nodeId), fresh)}
          onCancel={() => running?.abort()}
          onRetry={(ids) => generate(ids, fresh)}
        />
      ) : null}
      {tab === "3D animation" ? (
        <div class="screen">
          <p class="hint">3D animations are not available in this version of Depthframe yet. Depth maps are, on the Depth tab.</p>
        </div>
      ) : null}
      {tab === "Settings" ? (
        <SettingsView
          settings={settings}
          onSave={async (next) => {
            await bridge.request("saveSettings", { settings: next });
            setSettings(next);
            setOptions(next.disparity);
          }}
        />
      ) : null}
    </div>
  );
}
