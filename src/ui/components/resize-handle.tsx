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
  const arrow = Object.hasOwn(ARROWS, key) ? ARROWS[key] : undefined;
  if (!arrow) return null;
  const step = big ? RESIZE_STEP.big : RESIZE_STEP.small;
  return draggedSize(start, arrow[0] * step, arrow[1] * step);
}

/** Sizes asked for that the window may still report, kept to recognise its late reports. */
const MAX_IN_FLIGHT = 50;
const sizeText = (size: WindowSize) => `${size.width} by ${size.height} pixels`;
const viewport = (): WindowSize => ({ width: innerWidth, height: innerHeight });

export function ResizeHandle({ bridge }: { bridge: Pick<Bridge, "request"> }) {
  const drag = useRef<{ x: number; y: number; start: WindowSize; frame: number } | null>(null);
  // Steps build on the size last asked for until the window reports it: Chromium resizes a
  // cross-origin frame asynchronously, so its reports lag behind. A size the window reports that
  // was never asked for comes from elsewhere, and is then the one to build on.
  const asked = useRef<{ last: WindowSize; all: string[] } | null>(null);
  const [size, setSize] = useState(viewport);
  const [announced, setAnnounced] = useState("");

  useEffect(() => {
    const onResize = () => {
      const now = viewport();
      setSize(now);
      const { last, all } = asked.current ?? { last: null, all: [] };
      const reported = sizeText(now);
      if (!last || reported === sizeText(last) || !all.includes(reported)) asked.current = null;
    };
    addEventListener("resize", onResize);
    return () => removeEventListener("resize", onResize);
  }, []);

  const current = () => asked.current?.last ?? viewport();
  function resize(next: WindowSize) {
    asked.current = { last: next, all: [...(asked.current?.all ?? []).slice(-MAX_IN_FLIGHT), sizeText(next)] };
    setSize(next);
    void bridge.request("resize", next);
  }

  function onPointerDown(event: PointerEvent) {
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    // Screen coordinates: the handle itself moves as the window grows.
    drag.current = { x: event.screenX, y: event.screenY, start: current(), frame: 0 };
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
    const start = current();
    const next = steppedSize(start, event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    resize(next);
    const stuck = next.width === start.width && next.height === start.height;
    setAnnounced(stuck ? `${sizeText(next)}, as far as it goes` : sizeText(next));
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
        {`Now ${sizeText(size)}. `}
        {`Arrow keys move this corner by ${RESIZE_STEP.small} pixels, with Shift by ${RESIZE_STEP.big}.`}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </>
  );
}
