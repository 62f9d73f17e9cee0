// The plugin's window: tabs, the tab's panel, and a polite live region for what changes.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Prices } from "../../shared/immersity.js";
import type {
  LayeredItem,
  PluginCommand,
  PluginEvent,
  ResultItem,
  SelectionItem,
  SkippedItem,
} from "../../shared/messages.js";
import { DEFAULT_SETTINGS, Settings as SettingsSchema } from "../../shared/settings.js";
import type { Settings } from "../../shared/settings.js";
import { createBackendClient } from "../backend-client.js";
import { batchProgress } from "../batch-progress.js";
import type { Bridge } from "../bridge.js";
import {
  animationCredits,
  animationEstimate,
  depthEstimate,
  layeredCredits,
  layeredEstimate,
  localEstimate,
} from "../credit-estimate.js";
import { animationProblems, disparityProblems, firstProblem } from "../option-problems.js";
import { LivePreview } from "../preview/live-preview.js";
import { PreviewContext } from "../preview/preview-context.js";
import { regenerateEstimate, regenerateJob } from "../regenerate.js";
import type { ItemWork } from "../run-item.js";
import { AnimationOptions } from "./animation-options.js";
import { BatchPanel } from "./batch-panel.js";
import type { Confirm } from "./batch-footer.js";
import { DepthOptions } from "./depth-options.js";
import { Diagnostics } from "./diagnostics.js";
import { EngineChoice } from "./engine-choice.js";
import { HandoffButton } from "./handoff-button.js";
import { LayersPanel } from "./layers-panel.js";
import { ResizeHandle } from "./resize-handle.js";
import { useLayers } from "../planes/use-layers.js";
import { useLayeredScene } from "../planes/use-layered-scene.js";
import { ResultsSection } from "./results-section.js";
import { SettingsView } from "./settings-view.js";
import { panelId, TabList, tabId } from "./tab-list.js";
import { useBatch } from "./use-batch.js";
import { useEncoderProbe } from "./use-encoder-probe.js";

type Tab = "depth" | "animation" | "settings";
const TABS = [
  { slug: "depth", label: "Depth" },
  { slug: "animation", label: "3D animation" },
  { slug: "settings", label: "Settings" },
] as const satisfies ReadonlyArray<{ slug: Tab; label: string }>;
const TAB_OF: Record<PluginCommand, Tab> = {
  depth: "depth",
  regenerate: "depth",
  animation: "animation",
  settings: "settings",
};
const NOUN = { depth: "depth map", animation: "animation" } as const;

type Selection = { items: SelectionItem[]; skipped: SkippedItem[]; results: ResultItem[]; layered: LayeredItem[] };

const nounFor = (results: ResultItem[]) =>
  results.every((r) => r.kind === results[0]?.kind) ? NOUN[results[0]?.kind ?? "depth"] : "result";

/** Enter in a field runs the tab's primary action; on a button it stays that button's own. */
function enterRunsPrimary(event: KeyboardEvent) {
  const target = event.target as HTMLElement;
  if (target.tagName !== "INPUT") return;
  const primary = document.querySelector<HTMLButtonElement>("[data-primary]:not(:disabled)");
  if (!primary) return;
  event.preventDefault();
  primary.click();
}

export function App({ bridge }: { bridge: Bridge }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [tab, setTab] = useState<Tab>("depth");
  const [selection, setSelection] = useState<Selection>({ items: [], skipped: [], results: [], layered: [] });
  const [confirming, setConfirming] = useState<ResultItem[] | null>(null);
  const [fresh, setFresh] = useState(false);
  const [prices, setPrices] = useState<Prices | null>(null);
  const probe = useEncoderProbe(tab !== "depth");
  const batch = useBatch(bridge, (event) => {
    setSelection({ items: event.items, skipped: event.skipped, results: event.results, layered: event.layered ?? [] });
    // The "Regenerate" button opened the plugin: the cost is shown and confirmed first.
    if (event.regenerate && event.results.length) {
      setTab(event.results[0]!.kind);
      setConfirming(event.results);
    } else setConfirming(null);
  });
  const [askingStop, setAskingStop] = useState(false);
  // One selected frame can be shown as its layers.
  const layerFrame = selection.items.length === 1 ? selection.items[0]! : null;
  const layers = useLayers(bridge, layerFrame, settings?.targetSize ?? DEFAULT_SETTINGS.targetSize);
  const client = useMemo(
    () => (settings ? createBackendClient(settings.backendUrl, settings.apiKey) : null),
    [settings?.backendUrl, settings?.apiKey],
  );
  const layered = useLayeredScene(layers, client, settings ?? DEFAULT_SETTINGS, fresh);
  const onEvent = useRef(batch.onSelection);
  onEvent.current = batch.onSelection;

  useEffect(() => {
    const stop = bridge.onEvent((event: PluginEvent) => onEvent.current(event));
    void bridge.request("ready", {}).then((ready) => {
      setSettings(ready.settings);
      setTab((shown) => (ready.command === "regenerate" ? shown : TAB_OF[ready.command]));
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

  /** Settings changed from a tab are kept as the defaults for next time, once the backend would take them. */
  async function remember(next: Settings) {
    setSettings(next);
    if (SettingsSchema.safeParse(next).success) await bridge.request("saveSettings", { settings: next });
  }

  if (!settings || !client) return <div class="screen hint">Loading…</div>;

  function generate(kind: keyof typeof NOUN, nodeIds: string[]) {
    const byId = new Map(selection.items.map((i) => [i.nodeId, i]));
    const workFor = (nodeId: string): ItemWork =>
      kind === "depth"
        ? { kind, options: settings!.disparity }
        : {
            kind,
            disparity: settings!.disparity,
            options: settings!.animation,
            engine: settings!.animationEngine,
            depth: byId.get(nodeId)?.depth ?? null,
            ...(layered.source && nodeId === layerFrame?.nodeId ? { layers: layered.source } : {}),
          };
    const jobs = nodeIds.map((nodeId) => ({
      nodeId,
      targetSize: settings!.targetSize,
      fresh,
      work: workFor(nodeId),
    }));
    setAskingStop(false); // an Esc left over from the last batch does not stop this one
    void batch.run(jobs, NOUN[kind], client!, settings!);
  }

  const confirm = (results: ResultItem[]): Confirm => {
    const cost = regenerateEstimate(prices, results);
    const what = results.length === 1 ? results[0]!.name : `${results.length} results`;
    return {
      text: `Make ${what} again with the options ${results.length === 1 ? "it was" : "they were"} made with, skipping stored results. ${cost ?? "The cost is not known: the backend's prices could not be read"}.`,
      action: cost ? `Regenerate (${cost.replace(/^Up to /, "")})` : "Regenerate",
      onBack: () => setConfirming(null),
      onConfirm: () => {
        setConfirming(null);
        const jobs = results.map((r) => regenerateJob(r, settings.targetSize));
        setAskingStop(false);
        void batch.run(jobs, nounFor(results), client, settings);
      },
    };
  };

  // Esc asks before stopping a batch: what is already placed stays.
  const stopConfirm: Confirm = {
    text: "Stop this batch? Results already placed stay; the rest are not made.",
    action: "Stop",
    onBack: () => setAskingStop(false),
    onConfirm: () => {
      setAskingStop(false);
      batch.cancel();
    },
  };
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape" && batch.running) setAskingStop(true);
    else if (event.key === "Enter") enterRunsPrimary(event);
  }

  const panel = (kind: keyof typeof NOUN, estimate: string | null, problem: string | null) => ({
    items: selection.items,
    skipped: selection.skipped,
    states: batch.states,
    estimate,
    problem,
    running: batch.running,
    noun: NOUN[kind],
    progress: batch.batchIds ? batchProgress(batch.batchIds, batch.states) : null,
    confirm: batch.running && askingStop ? stopConfirm : confirming ? confirm(confirming) : null,
    placedElsewhere: batch.placedElsewhere.length,
    results:
      selection.results.length || selection.layered.length ? (
        <>
          {selection.results.length ? (
            <ResultsSection
              results={selection.results}
              states={batch.states}
              running={batch.running}
              onRegenerate={() => setConfirming(selection.results)}
              onSelectSource={(r) => void bridge.request("select", { nodeIds: [r.sourceId] })}
            />
          ) : null}
          <HandoffButton
            results={[...selection.results, ...selection.layered]}
            deps={{ bridge, client }}
            disabled={batch.running}
          />
        </>
      ) : null,
    onGenerate: () =>
      generate(
        kind,
        selection.items.map((i) => i.nodeId),
      ),
    onCancel: batch.cancel,
    onRetry: (ids: string[]) => generate(kind, ids),
    onSelectPlaced: () => void batch.selectPlaced(),
  });
  const depthProblems = disparityProblems(settings.disparity);
  const motionProblems = animationProblems(settings.animation);
  const motionProblem = firstProblem(motionProblems);
  const local = settings.animationEngine === "local";
  // A frame shown as its layers costs only its photos' relief, plus Immersity's one animation call.
  const planes = layered.source?.planes.planes.map((p, i) => ({ photo: p.info.photo, relief: layers.relief[i]! }));
  const motion = { engine: settings.animationEngine, animationType: settings.animation.animationType };
  const immersityCredits = !selection.items.length
    ? null
    : planes
      ? (layeredCredits(prices, planes, { ...motion, engine: "immersity" })?.total ?? null)
      : (animationCredits(prices, selection.items, settings)?.total ?? null);
  const motionEstimate = planes
    ? layeredEstimate(prices, planes, motion, fresh)
    : local
      ? localEstimate(prices, selection.items, fresh)
      : animationEstimate(prices, selection.items, settings, fresh);
  const reliefCredits = layeredCredits(prices, [{ photo: true, relief: true }], null)?.total;

  return (
    <PreviewContext.Provider value={{ bridge, options: settings.animation }}>
      <div class="app" onKeyDown={onKeyDown}>
        <TabList tabs={TABS} value={tab} onChange={setTab} />
        <div class="panel" role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
          {tab === "depth" ? (
            <BatchPanel
              {...panel("depth", depthEstimate(prices, selection.items.length, fresh), firstProblem(depthProblems))}
              livePreviews
            >
              <DepthOptions
                options={settings.disparity}
                onOptions={(disparity) => remember({ ...settings, disparity })}
                problems={depthProblems}
                fresh={fresh}
                onFresh={setFresh}
              />
            </BatchPanel>
          ) : null}
          {tab === "animation" ? (
            <BatchPanel {...panel("animation", motionProblem ? null : motionEstimate, motionProblem)}>
              <EngineChoice
                engine={settings.animationEngine}
                onEngine={(animationEngine) => remember({ ...settings, animationEngine })}
                credits={immersityCredits}
                format={settings.animation.animationType ?? "mp4"}
                probe={probe}
              />
              <LivePreview
                items={selection.items}
                depthCost={depthEstimate(prices, 1, fresh)}
                onMakeDepth={batch.running ? undefined : (nodeId) => generate("depth", [nodeId])}
                layered={
                  layered.scene && layerFrame
                    ? { nodeId: layerFrame.nodeId, scene: layered.scene, depths: layers.depths }
                    : null
                }
              />
              <AnimationOptions
                options={settings.animation}
                onOptions={(animation) => remember({ ...settings, animation })}
                problems={motionProblems}
              />
              {layerFrame ? (
                <LayersPanel
                  layers={layers}
                  frameName={layerFrame.name}
                  reliefCost={
                    reliefCredits === undefined ? null : `${reliefCredits} credit${reliefCredits === 1 ? "" : "s"}`
                  }
                  layered={layered}
                />
              ) : null}
            </BatchPanel>
          ) : null}
          {tab === "settings" ? (
            <>
              <SettingsView settings={settings} onSave={remember} />
              <Diagnostics probe={probe} />
            </>
          ) : null}
        </div>
        <p class="visually-hidden" role="status">
          {batch.announcement}
        </p>
        <ResizeHandle bridge={bridge} />
      </div>
    </PreviewContext.Provider>
  );
}
