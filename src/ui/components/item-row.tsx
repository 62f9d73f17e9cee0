import { useEffect, useState } from "preact/hooks";
import type { SelectionItem } from "../../shared/messages.js";
import { progressOf, stateLabel, type ItemState } from "../item-state.js";
import { RowPreview } from "../preview/row-preview.js";
import { SelectButton } from "./select-button.js";

function useObjectUrl(bytes: Uint8Array | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes) return setUrl(null);
    const next = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/png" }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [bytes]);
  return url;
}

/** Which results the layer already has, in words; null when it has none. */
export function resultsText(item: Pick<SelectionItem, "depth" | "animation">): string | null {
  const has = [item.depth ? "a depth map" : null, item.animation ? "a 3D animation" : null].filter(Boolean);
  return has.length ? `Has ${has.join(" and ")}` : null;
}

export function ItemRow(props: {
  item: SelectionItem;
  state: ItemState;
  /** Selects and zooms to the layer on the canvas. */
  onSelect: () => void;
  onRetry?: () => void;
  /** A layer with a placed depth map plays it in place of the thumbnail while hovered or focused. */
  livePreview?: boolean;
}) {
  const { item, state, onRetry } = props;
  const thumbnail = useObjectUrl(item.thumbnail);
  const depthThumbnail = useObjectUrl(item.depth?.thumbnail ?? null);
  const [live, setLive] = useState(false);
  const progress = progressOf(state);
  const still = thumbnail ? <img src={thumbnail} alt="" /> : null;
  const previewable = props.livePreview && item.depth !== null;
  const hover = previewable
    ? {
        onPointerEnter: () => setLive(true),
        onPointerLeave: () => setLive(false),
        onFocusIn: () => setLive(true),
        onFocusOut: () => setLive(false),
      }
    : {};
  const has = resultsText(item);
  const ids = { meta: `meta-${item.nodeId}`, has: `has-${item.nodeId}` };
  return (
    <li class={`item item--${state.status}`} data-node-id={item.nodeId} data-status={state.status} {...hover}>
      <span class="item__thumb">{previewable && live ? <RowPreview item={item} fallback={still} /> : still}</span>
      <div class="item__text">
        <SelectButton
          name={item.name}
          describedBy={has ? `${ids.meta} ${ids.has}` : ids.meta}
          onClick={props.onSelect}
        />
        <div class="item__meta" id={ids.meta}>
          {state.status === "idle" ? `${Math.round(item.width)} × ${Math.round(item.height)}` : stateLabel(state)}
        </div>
        {has ? (
          <div class="item__has" id={ids.has}>
            {has}
          </div>
        ) : null}
      </div>
      {/* At the row's end, so that names line up whether or not a layer has a depth map. */}
      {depthThumbnail ? (
        <span class="item__thumb" data-depth-thumbnail>
          <img src={depthThumbnail} alt="" />
        </span>
      ) : null}
      {onRetry && state.status === "error" ? (
        <button type="button" class="link-button" aria-label={`Retry ${item.name}`} onClick={onRetry}>
          Retry
        </button>
      ) : null}
      {progress !== null ? (
        <progress class="item__progress" aria-label={`${item.name}: ${stateLabel(state)}`} value={progress} max={1} />
      ) : null}
    </li>
  );
}
