// The corner grip that resizes the plugin window: Figma's windows have none of their own. Dragging
// asks the sandbox for figma.ui.resize at most once a frame; the arrow keys step it, for those who
// cannot drag. The sandbox keeps the size for next time.
import { useEffect, useRef, useState } from "preact/hooks";
import { clampWindowSize, type WindowSize } from "../../shared/messages.js";
import type { Bridge } from "../bridge.js";

/** Pixels an arrow key moves the corner, and with Shift held. */
export const RESIZE_STEP = { small: 10, big: 50 } as const;

/** The window's size after dragging its corner by (dx, dy) from `start`. */
export function draggedSize(start: WindowSize, dx: number, dy: number): WindowSize {
  return clampWindowSize({ width: start.width + dx, height: start.height + dy });
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The size after an arrow key on the grip (the corner moves the arrow's way), or null for other keys. */
export function steppedSize(start: WindowSize, key: string, big: boolean): WindowSize | null {
  const arrow = ARROWS[key];
  if (!arrow) return null;
  const step = big ? RESIZE_STEP.big : RESIZE_STEP.small;
  return draggedSize(start, arrow[0] * step, arrow[1] * step);
}

const sizeText = (size: WindowSize) => `${size.width} by ${size.height} pixels`;
const viewport = (): WindowSize => ({ width: innerWidth, height: innerHeight });

export function ResizeHandle({ bridge }: { bridge: Pick<Bridge, "request"> }) {
  const drag = useRef<{ x: number; y: number; start: WindowSize; frame: number } | null>(null);
  // While resizes are on their way, steps build on the size last asked for, which the window may
  // not have reported yet; once none is, the window's own size is the truth.
  const asked = useRef<WindowSize | null>(null);
  const pending = useRef(0);
  const [size, setSize] = useState(viewport);
  const [announced, setAnnounced] = useState("");

  useEffect(() => {
    const onResize = () => {
      setSize(viewport());
      if (!pending.current) asked.current = null;
    };
    addEventListener("resize", onResize);
    return () => removeEventListener("resize", onResize);
  }, []);

  function resize(next: WindowSize) {
    asked.current = next;
    setSize(next);
    pending.current++;
    void bridge.request("resize", next).finally(() => pending.current--);
  }

  function onPointerDown(event: PointerEvent) {
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    // Screen coordinates: the handle itself moves as the window grows.
    drag.current = { x: event.screenX, y: event.screenY, start: viewport(), frame: 0 };
  }
  function onPointerMove(event: PointerEvent) {
    const now = drag.current;
    if (!now || now.frame) return;
    const next = draggedSize(now.start, event.screenX - now.x, event.screenY - now.y);
    now.frame = requestAnimationFrame(() => {
      now.frame = 0;
      resize(next);
    });
  }
  function onPointerUp(event: PointerEvent) {
    const now = drag.current;
    if (!now) return;
    cancelAnimationFrame(now.frame);
    drag.current = null;
    resize(draggedSize(now.start, event.screenX - now.x, event.screenY - now.y));
  }
  function onKeyDown(event: KeyboardEvent) {
    const next = steppedSize(asked.current ?? viewport(), event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    resize(next);
    setAnnounced(sizeText(next));
  }

  return (
    <>
      <button
        type="button"
        class="resize-handle"
        aria-label="Resize window"
        aria-describedby="resize-help"
        title="Drag, or use the arrow keys, to resize the window"
        data-testid="resize-handle"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <p id="resize-help" class="visually-hidden">
        {`Now ${sizeText(size)}. Arrow keys move this corner by ${RESIZE_STEP.small} pixels, with Shift by ${RESIZE_STEP.big}.`}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </>
  );
}
