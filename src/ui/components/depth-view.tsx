import { Button, Checkbox, SegmentedControl, Text, TextboxNumeric } from "@create-figma-plugin/ui";
import type { DisparityOptions } from "../../shared/api.js";
import type { SelectionItem, SkippedItem } from "../../shared/messages.js";
import { isBusy, type ItemState } from "../item-state.js";
import { ItemRow } from "./item-row.js";

export interface DepthViewProps {
  items: SelectionItem[];
  skipped: SkippedItem[];
  states: Record<string, ItemState>;
  options: Required<DisparityOptions>;
  fresh: boolean;
  estimate: string | null;
  running: boolean;
  onOptions: (options: Required<DisparityOptions>) => void;
  onFresh: (fresh: boolean) => void;
  onGenerate: () => void;
  onCancel: () => void;
  onRetry: (nodeIds: string[]) => void;
}

const IDLE: ItemState = { status: "idle" };

export function DepthView(props: DepthViewProps) {
  const { items, skipped, states, options } = props;
  const failed = items.filter((i) => states[i.nodeId]?.status === "error").map((i) => i.nodeId);
  return (
    <div class="screen">
      {items.length === 0 && skipped.length === 0 ? <p class="hint">Select frames, groups or images on the canvas.</p> : null}
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
      <div class="options">
        <div class="row">
          <Text>Depth</Text>
          <SegmentedControl
            value={options.outputBitDepth}
            options={[
              { value: "uint8", children: "8-bit" },
              { value: "uint16", children: "16-bit" },
            ]}
            onValueChange={(v: string) => props.onOptions({ ...options, outputBitDepth: v as "uint8" | "uint16" })}
          />
        </div>
        <label class="row" title="Widens near objects to avoid stretched edges: −0.01 to 0.01, default 0.0063">
          <Text>Edge dilation</Text>
          <TextboxNumeric
            variant="border"
            value={String(options.dilation)}
            minimum={-0.01}
            maximum={0.01}
            incrementSmall={0.0005}
            incrementBig={0.001}
            onNumericValueInput={(n: number | null) => n !== null && props.onOptions({ ...options, dilation: n })}
          />
        </label>
        <Checkbox value={props.fresh} onValueChange={props.onFresh}>
          <Text>Make new results (skip the cache)</Text>
        </Checkbox>
      </div>
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
            <Button onClick={props.onGenerate} disabled={items.length === 0 || items.some((i) => isBusy(states[i.nodeId] ?? IDLE))}>
              Generate {items.length > 1 ? `${items.length} depth maps` : "depth map"}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
