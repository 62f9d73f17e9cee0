// The corner grip that resizes the plugin window: Figma's windows have none of their own. Dragging
// asks the sandbox for figma.ui.resize at most once a frame; the sandbox keeps the size for next time.
import { useRef } from "preact/hooks";
import { clampWindowSize, type WindowSize } from "../../shared/messages.js";
import type { Bridge } from "../bridge.js";

/** The window's size after dragging its corner by (dx, dy) from `start`. */
export function draggedSize(start: WindowSize, dx: number, dy: number): WindowSize {
  return clampWindowSize({ width: start.width + dx, height: start.height + dy });
}

export function ResizeHandle({ bridge }: { bridge: Pick<Bridge, "request"> }) {
  const drag = useRef<{ x: number; y: number; start: WindowSize; frame: number } | null>(null);

  function onPointerDown(event: PointerEvent) {
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    // Screen coordinates: the handle itself moves as the window grows.
    drag.current = {
      x: event.screenX,
      y: event.screenY,
      start: { width: innerWidth, height: innerHeight },
      frame: 0,
    };
  }
  function onPointerMove(event: PointerEvent) {
    const now = drag.current;
    if (!now || now.frame) return;
    const size = draggedSize(now.start, event.screenX - now.x, event.screenY - now.y);
    now.frame = requestAnimationFrame(() => {
      now.frame = 0;
      void bridge.request("resize", size);
    });
  }
  function onPointerUp(event: PointerEvent) {
    const now = drag.current;
    if (!now) return;
    cancelAnimationFrame(now.frame);
    drag.current = null;
    void bridge.request("resize", draggedSize(now.start, event.screenX - now.x, event.screenY - now.y));
  }

  return (
    <div
      class="resize-handle"
      aria-hidden="true"
      data-testid="resize-handle"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
