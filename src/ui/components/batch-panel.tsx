// What both tabs share: the selected layers with their states, and the footer that runs, cancels
// or retries a batch.
import { Button, Text } from "@create-figma-plugin/ui";
import type { ComponentChildren } from "preact";
import type { SelectionItem, SkippedItem } from "../../shared/messages.js";
import { isBusy, type ItemState } from "../item-state.js";
import { ItemRow } from "./item-row.js";

export interface BatchPanelProps {
  items: SelectionItem[];
  skipped: SkippedItem[];
  states: Record<string, ItemState>;
  estimate: string | null;
  running: boolean;
  /** "depth map" or "animation", for the button. */
  noun: string;
  onGenerate: () => void;
  onCancel: () => void;
  onRetry: (nodeIds: string[]) => void;
  /** The options between the list and the footer. */
  children: ComponentChildren;
}

const IDLE: ItemState = { status: "idle" };

export function BatchPanel(props: BatchPanelProps) {
  const { items, skipped, states } = props;
  const failed = items.filter((i) => states[i.nodeId]?.status === "error").map((i) => i.nodeId);
  const count = items.length;
  return (
    <div class="screen">
      {count === 0 && skipped.length === 0 ? <p class="hint">Select frames, groups or images on the canvas.</p> : null}
      <ul class="items" aria-label="Selected layers">
        {items.map((item) => (
          <ItemRow key={item.nodeId} item={item} state={states[item.nodeId] ?? IDLE} onRetry={props.running ? undefined : () => props.onRetry([item.nodeId])} />
        ))}
      </ul>
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
      <div class="footer">
        <Text class="estimate">{props.estimate ?? ""}</Text>
        {props.running ? (
          <Button danger onClick={props.onCancel}>
            Cancel
          </Button>
        ) : (
          <div class="row">
            {failed.length > 1 ? (
              <Button secondary onClick={() => props.onRetry(failed)}>
                Retry failed
              </Button>
            ) : null}
            <Button onClick={props.onGenerate} disabled={count === 0 || items.some((i) => isBusy(states[i.nodeId] ?? IDLE))}>
              Generate {count > 1 ? `${count} ${props.noun}s` : props.noun}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
