import { useEffect, useState } from "preact/hooks";
import type { SelectionItem } from "../../shared/messages.js";
import { stateLabel, type ItemState } from "../item-state.js";
import { RowPreview } from "../preview/row-preview.js";

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

export function ItemRow(props: {
  item: SelectionItem;
  state: ItemState;
  onRetry?: () => void;
  /** A layer with a placed depth map plays it in place of the thumbnail while hovered or focused. */
  livePreview?: boolean;
}) {
  const { item, state, onRetry } = props;
  const thumbnail = useObjectUrl(item.thumbnail);
  const [live, setLive] = useState(false);
  const progress = state.status === "uploading" || state.status === "downloading" ? state.progress : null;
  const still = thumbnail ? <img src={thumbnail} alt="" /> : null;
  const previewable = props.livePreview && item.depth !== null;
  const hover = previewable
    ? {
        tabIndex: 0,
        onPointerEnter: () => setLive(true),
        onPointerLeave: () => setLive(false),
        onFocusIn: () => setLive(true),
        onFocusOut: () => setLive(false),
      }
    : {};
  return (
    <li class={`item item--${state.status}`} data-node-id={item.nodeId} data-status={state.status} {...hover}>
      <div class="item__thumb">{previewable && live ? <RowPreview item={item} fallback={still} /> : still}</div>
      <div class="item__text">
        <div class="item__name" title={item.name}>
          {item.name}
        </div>
        <div class="item__meta">
          {state.status === "idle" ? `${Math.round(item.width)} × ${Math.round(item.height)}` : stateLabel(state)}
        </div>
        {progress !== null ? (
          <progress class="item__progress" aria-label={`${item.name}: ${stateLabel(state)}`} value={progress} max={1} />
        ) : null}
      </div>
      {onRetry && state.status === "error" ? (
        <button type="button" class="link-button" aria-label={`Retry ${item.name}`} onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </li>
  );
}
