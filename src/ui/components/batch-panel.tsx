// What both tabs share: selected results, the selected layers with their states and the options
// scroll; the footer with the primary action stays pinned below them.
import type { ComponentChildren } from "preact";
import type { SelectionItem, SkippedItem } from "../../shared/messages.js";
import { isBusy, isRetryable, type ItemState } from "../item-state.js";
import { BatchFooter, type FooterProps } from "./batch-footer.js";
import { ItemRow } from "./item-row.js";

export interface BatchPanelProps extends Omit<FooterProps, "failed" | "canGenerate" | "generateLabel"> {
  items: SelectionItem[];
  skipped: SkippedItem[];
  states: Record<string, ItemState>;
  /** "depth map" or "animation", for the button. */
  noun: string;
  /** Selected results, above the layers. */
  results: ComponentChildren;
  /** The options below the list. */
  children: ComponentChildren;
  /** Rows of layers with a placed depth map play it on hover or focus. */
  livePreviews?: boolean;
  /** A row was clicked: select and zoom to its layer. */
  onSelectLayer: (nodeId: string) => void;
  /** The backend was checked and can be used, or this run does not need it. */
  ready: boolean;
}

const IDLE: ItemState = { status: "idle" };

export function BatchPanel(props: BatchPanelProps) {
  const { items, skipped, states, noun } = props;
  const failed = items.filter((i) => isRetryable(states[i.nodeId])).map((i) => i.nodeId);
  const count = items.length;
  const busy = items.some((i) => isBusy(states[i.nodeId] ?? IDLE));
  return (
    <>
      <div class="scroll">
        {props.results}
        {count === 0 && skipped.length === 0 && !props.results ? (
          <p class="hint">Select frames, groups or images on the canvas.</p>
        ) : null}
        {count ? (
          <ul class="items" aria-label="Selected layers">
            {items.map((item) => (
              <ItemRow
                key={item.nodeId}
                item={item}
                state={states[item.nodeId] ?? IDLE}
                livePreview={props.livePreviews}
                onSelect={() => props.onSelectLayer(item.nodeId)}
                onRetry={props.running ? undefined : () => props.onRetry([item.nodeId])}
              />
            ))}
          </ul>
        ) : null}
        {skipped.length ? (
          <ul class="skipped" aria-label="Skipped layers">
            {skipped.map((s) => (
              <li key={s.nodeId}>
                <strong>{s.name}</strong> skipped: {s.reason}
              </li>
            ))}
          </ul>
        ) : null}
        <div class="options">{props.children}</div>
      </div>
      <BatchFooter
        {...props}
        failed={failed}
        canGenerate={count > 0 && !busy && !props.problem && props.ready}
        generateLabel={`Generate ${count > 1 ? `${count} ${noun}s` : noun}`}
      />
    </>
  );
}
