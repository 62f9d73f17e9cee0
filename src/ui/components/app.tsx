// The plugin's window: tabs, the tab's panel, and a polite live region for what changes.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
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
import { animationCredits, depthEstimate, layeredCredits } from "../credit-estimate.js";
import { describeFailure } from "../error-text.js";
import { animationProblems, disparityProblems, firstProblem } from "../option-problems.js";
import { LivePreview } from "../preview/live-preview.js";
import { PreviewContext } from "../preview/preview-context.js";
import { regenerateJob } from "../regenerate.js";
import { generateJobs } from "../generate-jobs.js";
import { draftOf, sameConnection, type SettingsDraft } from "../settings-problems.js";
import { asksFirst, footerEstimate, needsBackend, spendFor, type SpendKind } from "../spend.js";
import { AnimationOptions } from "./animation-options.js";
import { Banner } from "./banner.js";
import { BatchPanel } from "./batch-panel.js";
import { regenerateConfirm, spendConfirm, stopConfirm } from "./confirms.js";
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
import { usePreflight } from "./use-preflight.js";

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
  /** A Generate above the threshold, waiting for its confirm. */
  const [asking, setAsking] = useState<{ kind: SpendKind; nodeIds: string[] } | null>(null);
  /** Settings typed but not saved, kept across tab switches. */
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const probe = useEncoderProbe(tab !== "depth");
  const batch = useBatch(bridge, (event) => {
    setSelection({ items: event.items, skipped: event.skipped, results: event.results, layered: event.layered ?? [] });
    // The "Regenerate" button opened the plugin: the cost is shown and confirmed first.
    if (event.regenerate && event.results.length) {
      setTab(event.results[0]!.kind);
      setConfirming(event.results);
    } else setConfirming(null);
    setAsking(null);
  });
  const [askingStop, setAskingStop] = useState(false);
  // One selected frame can be shown as its layers.
  const layerFrame = selection.items.length === 1 ? selection.items[0]! : null;
  const layers = useLayers(bridge, layerFrame, settings?.targetSize ?? DEFAULT_SETTINGS.targetSize);
  const onEvent = useRef(batch.onSelection);
  onEvent.current = batch.onSelection;

  const client = useMemo(
    () => (settings ? createBackendClient(settings.backendUrl, settings.apiKey) : null),
    [settings?.backendUrl, settings?.apiKey],
  );
  const layered = useLayeredScene(layers, client, settings ?? DEFAULT_SETTINGS, fresh);
  const preflight = usePreflight(client);
  const prices = preflight.result.state === "ok" ? preflight.result.prices : null;

  useEffect(() => {
    const stop = bridge.onEvent((event: PluginEvent) => onEvent.current(event));
    void bridge.request("ready", {}).then((ready) => {
      setSettings(ready.settings);
      setTab((shown) => (ready.command === "regenerate" ? shown : TAB_OF[ready.command]));
    });
    return stop;
  }, [bridge]);

  /** Settings changed from a tab are kept as the defaults for next time, once the backend would take them. */
  async function remember(next: Settings) {
    setSettings(next);
    if (SettingsSchema.safeParse(next).success) await bridge.request("saveSettings", { settings: next });
  }

  if (!settings || !client) return <div class="screen hint">Loading…</div>;

  async function save(next: Settings) {
    await remember(next);
    setDraft(null);
    // A new URL or key is checked by the preflight on its own; Save checks the same ones again.
    if (sameConnection(next, settings!)) preflight.recheck();
  }

  const byId = new Map(selection.items.map((i) => [i.nodeId, i]));
  const itemsOf = (nodeIds: string[]) => nodeIds.flatMap((id) => byId.get(id) ?? []);
  // A frame shown as its layers costs only its photos' relief, plus Immersity's one animation call.
  const planes = layered.source?.planes.planes.map((p, i) => ({ photo: p.info.photo, relief: layers.relief[i]! }));
  const layeredJob = layered.source && layerFrame ? { nodeId: layerFrame.nodeId, source: layered.source } : null;
  const spendOf = (kind: SpendKind, nodeIds: string[]) =>
    spendFor(kind, itemsOf(nodeIds), settings, prices, fresh, kind === "animation" && layeredJob ? planes! : null);
  const whatOf = (kind: SpendKind, count: number) => `${count} ${NOUN[kind]}${count === 1 ? "" : "s"}`;

  /** Every Generate and Retry: asked first above the threshold, run at once below it. */
  function request(kind: SpendKind, nodeIds: string[]) {
    if (asksFirst(spendOf(kind, nodeIds), settings!.confirmAboveCredits)) setAsking({ kind, nodeIds });
    else generate(kind, nodeIds);
  }

  function generate(kind: SpendKind, nodeIds: string[]) {
    setAsking(null);
    setAskingStop(false); // an Esc left over from the last batch does not stop this one
    const jobs = generateJobs(kind, itemsOf(nodeIds), settings!, fresh, layeredJob);
    void batch.run(jobs, NOUN[kind], client!, settings!);
  }

  const regenerate = (results: ResultItem[]) =>
    regenerateConfirm(prices, preflight.result.state, results, {
      onBack: () => setConfirming(null),
      onConfirm: () => {
        setConfirming(null);
        const jobs = results.map((r) => regenerateJob(r, settings.targetSize));
        setAskingStop(false);
        void batch.run(jobs, nounFor(results), client, settings);
      },
    });
  const stop = stopConfirm({
    onBack: () => setAskingStop(false),
    onConfirm: () => {
      setAskingStop(false);
      batch.cancel();
    },
  });
  const spend = (ask: { kind: SpendKind; nodeIds: string[] }) =>
    spendConfirm(
      whatOf(ask.kind, ask.nodeIds.length),
      spendOf(ask.kind, ask.nodeIds),
      settings.confirmAboveCredits,
      preflight.result.state,
      {
        onBack: () => setAsking(null),
        onConfirm: () => generate(ask.kind, ask.nodeIds),
      },
    );
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape" && batch.running) setAskingStop(true);
    else if (event.key === "Enter") enterRunsPrimary(event);
  }

  const panel = (kind: SpendKind, problem: string | null) => {
    const whole = spendOf(
      kind,
      selection.items.map((i) => i.nodeId),
    );
    return {
      items: selection.items,
      skipped: selection.skipped,
      states: batch.states,
      estimate: problem ? null : footerEstimate(whole, preflight.result, selection.items.length),
      problem,
      ready: preflight.result.state === "ok" || !needsBackend(whole),
      running: batch.running,
      noun: NOUN[kind],
      progress: batch.batchIds ? batchProgress(batch.batchIds, batch.states) : null,
      confirm:
        batch.running && askingStop
          ? stop
          : confirming
            ? regenerate(confirming)
            : asking?.kind === kind
              ? spend(asking)
              : null,
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
                onSelect={(r) => void batch.selectLayer(r.nodeId)}
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
        request(
          kind,
          selection.items.map((i) => i.nodeId),
        ),
      onCancel: batch.cancel,
      onRetry: (ids: string[]) => request(kind, ids),
      onSelectPlaced: () => void batch.selectPlaced(),
      onSelectLayer: (nodeId: string) => void batch.selectLayer(nodeId),
    };
  };
  const depthProblems = disparityProblems(settings.disparity);
  const motionProblems = animationProblems(settings.animation);
  const immersityCredits = !selection.items.length
    ? null
    : planes
      ? (layeredCredits(prices, planes, { engine: "immersity", animationType: settings.animation.animationType })
          ?.total ?? null)
      : (animationCredits(prices, selection.items, settings)?.total ?? null);
  const reliefCredits = layeredCredits(prices, [{ photo: true, relief: true }], null)?.total;
  // One problem that stops every row alike, said once above the tab; Settings says its own.
  const check = preflight.result;
  const banner =
    tab === "settings" ? null : check.state === "failed" ? (
      <Banner
        message={describeFailure(check.error, settings)}
        onSettings={() => setTab("settings")}
        onRecheck={preflight.recheck}
        rechecking={check.again ?? false}
      />
    ) : batch.accountEmpty ? (
      <Banner message={batch.accountEmpty} />
    ) : null;

  return (
    <PreviewContext.Provider value={{ bridge, options: settings.animation }}>
      <div class="app" onKeyDown={onKeyDown}>
        <TabList tabs={TABS} value={tab} onChange={setTab} />
        {banner}
        <div class="panel" role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
          {tab === "depth" ? (
            <BatchPanel {...panel("depth", firstProblem(depthProblems))} livePreviews>
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
            <BatchPanel {...panel("animation", firstProblem(motionProblems))}>
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
                onMakeDepth={batch.running ? undefined : (nodeId) => request("depth", [nodeId])}
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
              <SettingsView
                settings={settings}
                draft={draft ?? draftOf(settings)}
                onDraft={setDraft}
                onSave={save}
                preflight={preflight}
              />
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
