import { Tabs } from "@create-figma-plugin/ui";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { AnimationOptions as AnimationOptionsSchema } from "../../shared/api.js";
import type { Prices } from "../../shared/immersity.js";
import type { PluginCommand, SelectionItem, SkippedItem } from "../../shared/messages.js";
import type { Settings } from "../../shared/settings.js";
import { createBackendClient } from "../backend-client.js";
import { runBatch, summaryMessage } from "../batch.js";
import type { Bridge } from "../bridge.js";
import { animationEstimate, depthEstimate } from "../credit-estimate.js";
import type { ItemState } from "../item-state.js";
import type { ItemWork } from "../run-item.js";
import { AnimationOptions } from "./animation-options.js";
import { BatchPanel } from "./batch-panel.js";
import { DepthOptions } from "./depth-options.js";
import { SettingsView } from "./settings-view.js";

// Tabs show their value as the label.
type Tab = "Depth" | "3D animation" | "Settings";
const TAB_OF: Record<PluginCommand, Tab> = { depth: "Depth", regenerate: "Depth", animation: "3D animation", settings: "Settings" };
const NOUN = { depth: "depth map", animation: "animation" } as const;

export function App({ bridge }: { bridge: Bridge }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [tab, setTab] = useState<Tab>("Depth");
  const [selection, setSelection] = useState<{ items: SelectionItem[]; skipped: SkippedItem[] }>({ items: [], skipped: [] });
  const [states, setStates] = useState<Record<string, ItemState>>({});
  const [fresh, setFresh] = useState(false);
  const [running, setRunning] = useState<AbortController | null>(null);
  const [prices, setPrices] = useState<Prices | null>(null);
  const regenerate = useRef(false);

  const client = useMemo(() => (settings ? createBackendClient(settings.backendUrl, settings.apiKey) : null), [settings?.backendUrl, settings?.apiKey]);

  useEffect(() => {
    const stop = bridge.onEvent((event) => {
      setSelection({ items: event.items, skipped: event.skipped });
      // Results of the new selection start fresh, unless a batch is still showing them.
      setStates((previous) => Object.fromEntries(event.items.filter((i) => previous[i.nodeId]).map((i) => [i.nodeId, previous[i.nodeId]!])));
      regenerate.current = event.regenerate;
    });
    void bridge.request("ready", {}).then((ready) => {
      setSettings(ready.settings);
      setTab(TAB_OF[ready.command]);
    });
    return stop;
  }, [bridge]);

  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    client
      .prices(controller.signal)
      .then(setPrices)
      .catch(() => setPrices(null));
    return () => controller.abort();
  }, [client]);

  /** Settings changed from a tab are kept as the defaults for next time. */
  async function remember(next: Settings) {
    setSettings(next);
    await bridge.request("saveSettings", { settings: next });
  }

  async function generate(kind: keyof typeof NOUN, nodeIds: string[], makeFresh: boolean) {
    if (!settings || !client || running) return;
    const controller = new AbortController();
    setRunning(controller);
    try {
      const byId = new Map(selection.items.map((i) => [i.nodeId, i]));
      const workFor = (nodeId: string): ItemWork =>
        kind === "depth"
          ? { kind, options: settings.disparity }
          : { kind, disparity: settings.disparity, options: settings.animation, depth: byId.get(nodeId)?.depth ?? null };
      const jobs = nodeIds.map((nodeId) => ({ nodeId, targetSize: settings.targetSize, fresh: makeFresh, work: workFor(nodeId) }));
      const summary = await runBatch(
        jobs,
        { bridge, client, report: (nodeId, state) => setStates((s) => ({ ...s, [nodeId]: state })) },
        { concurrency: settings.concurrency, itemTimeoutS: settings.itemTimeoutS, backendUrl: settings.backendUrl },
        controller.signal,
      );
      await bridge.request("finish", { placedNodeIds: summary.placedNodeIds, message: summaryMessage(summary, NOUN[kind]) });
    } finally {
      setRunning(null);
    }
  }

  // The "Regenerate" relaunch button: make the selected results again, bypassing the cache.
  useEffect(() => {
    if (regenerate.current && selection.items.length && settings && !running) {
      regenerate.current = false;
      void generate(
        "depth",
        selection.items.map((i) => i.nodeId),
        true,
      );
    }
  }, [selection, settings]);

  if (!settings) return <div class="screen hint">Loading…</div>;

  const panel = (kind: keyof typeof NOUN, estimate: string | null) => ({
    items: selection.items,
    skipped: selection.skipped,
    states,
    estimate,
    running: running !== null,
    noun: NOUN[kind],
    onGenerate: () => generate(kind, selection.items.map((i) => i.nodeId), fresh),
    onCancel: () => running?.abort(),
    onRetry: (ids: string[]) => generate(kind, ids, fresh),
  });
  const animationValid = AnimationOptionsSchema.safeParse(settings.animation).success;

  return (
    <div class="app">
      <Tabs
        value={tab}
        onValueChange={(value: string) => setTab(value as Tab)}
        options={(["Depth", "3D animation", "Settings"] as const).map((value) => ({ value, children: null }))}
      />
      {tab === "Depth" ? (
        <BatchPanel {...panel("depth", depthEstimate(prices, selection.items.length, fresh))}>
          <DepthOptions options={settings.disparity} onOptions={(disparity) => remember({ ...settings, disparity })} fresh={fresh} onFresh={setFresh} />
        </BatchPanel>
      ) : null}
      {tab === "3D animation" ? (
        <BatchPanel {...panel("animation", animationValid ? animationEstimate(prices, selection.items, settings, fresh) : null)}>
          <AnimationOptions options={settings.animation} onOptions={(animation) => remember({ ...settings, animation })} />
        </BatchPanel>
      ) : null}
      {tab === "Settings" ? <SettingsView settings={settings} onSave={remember} /> : null}
    </div>
  );
}
