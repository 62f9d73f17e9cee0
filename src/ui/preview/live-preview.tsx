// The 3D tab's live preview of the layer in focus: its placed depth map played with the tab's
// options as they change, free, before anything is paid. A layer with no depth map gets an offer
// to make one, with its cost.
import { Checkbox, Text } from "@create-figma-plugin/ui";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { LayeredScene } from "../../render/index.js";
import type { SelectionItem } from "../../shared/messages.js";
import { PreviewCanvas, type PreviewCanvasProps } from "./preview-canvas.js";
import { PreviewContext } from "./preview-context.js";
import { useScene } from "./use-scene.js";
import "./preview.css";

const MAX_HEIGHT = 200;

export interface LivePreviewProps {
  items: SelectionItem[];
  /** The cost of one depth map, as the Depth tab words it; null when the prices are not known. */
  depthCost: string | null;
  /** Makes the layer's depth map the way the Depth tab does; undefined while a batch runs. */
  onMakeDepth?: (nodeId: string) => void;
  /** The frame shown in the Layers panel as its planes, played instead of a placed depth map. */
  layered?: { nodeId: string; scene: LayeredScene; depths: readonly number[] } | null;
}

/** The stage's width in CSS pixels, followed as the window is resized. */
function useWidth(): [(element: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const ref = (element: HTMLElement | null) => {
    observer.current?.disconnect();
    if (!element) return;
    observer.current = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.current.observe(element);
  };
  return [ref, width];
}

type Playable = Pick<PreviewCanvasProps, "scene" | "size" | "planeDepths"> & { edited: boolean };

function Stage({ item, props }: { item: SelectionItem; props: LivePreviewProps }) {
  const services = useContext(PreviewContext)!;
  const loaded = useScene(services.bridge, item);
  const layered = props.layered?.nodeId === item.nodeId ? props.layered : null;
  if (layered) {
    const { scene, depths } = layered;
    return <Player item={item} playable={{ scene, size: scene, planeDepths: depths, edited: false }} />;
  }

  if (loaded.status === "loading") return <p class="preview__sentence">Reading “{item.name}” from the canvas…</p>;
  if (loaded.status === "problem") return <p class="preview__sentence">{loaded.sentence}</p>;
  if (loaded.status === "no-depth") {
    return (
      <div class="preview__offer">
        <p>“{item.name}” has no depth map yet, so there is nothing to preview.</p>
        <button
          type="button"
          class="link-button"
          disabled={!props.onMakeDepth}
          onClick={() => props.onMakeDepth?.(item.nodeId)}
        >
          Make its depth map ({props.depthCost ?? "cost not known: the backend's prices could not be read"})
        </button>
      </div>
    );
  }
  return <Player item={item} playable={loaded} />;
}

function Player({ item, playable }: { item: SelectionItem; playable: Playable }) {
  const services = useContext(PreviewContext)!;
  // Moving content that starts by itself is what reduced motion asks to avoid: it waits for Play.
  const [paused, setPaused] = useState(() => matchMedia("(prefers-reduced-motion: reduce)").matches);
  const [overlay, setOverlay] = useState(false);
  const [measure, width] = useWidth();
  const layered = playable.planeDepths !== undefined;
  return (
    <>
      <div class="preview__stage" ref={measure}>
        {width > 0 ? (
          <PreviewCanvas
            scene={playable.scene}
            size={playable.size}
            planeDepths={playable.planeDepths}
            options={services.options}
            room={{ width, height: MAX_HEIGHT }}
            label={
              `Live 3D preview of ${item.name}${layered ? " as its layers" : ""}: ` +
              "hover, drag or use the arrow keys to move the camera"
            }
            paused={paused}
            overlay={overlay}
          />
        ) : null}
      </div>
      <div class="preview__bar">
        <button type="button" class="link-button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? "Play" : "Pause"}
        </button>
        {/* Layers uncover real pixels: nothing is stretched. */}
        {layered ? null : (
          <Checkbox value={overlay} onValueChange={setOverlay}>
            <Text>Show stretched areas</Text>
          </Checkbox>
        )}
        {playable.edited ? <span class="hint">Depth map edited on the canvas</span> : null}
      </div>
    </>
  );
}

export function LivePreview(props: LivePreviewProps) {
  const [focus, setFocus] = useState(0);
  const { items } = props;
  if (!items.length) return null;
  const index = Math.min(focus, items.length - 1);
  const item = items[index]!;
  return (
    <section class="preview" aria-label="Preview">
      {items.length > 1 ? (
        <div class="preview__bar">
          <button
            type="button"
            class="link-button"
            aria-label="Previous layer"
            onClick={() => setFocus((index + items.length - 1) % items.length)}
          >
            ‹
          </button>
          <span>
            {item.name} ({index + 1} of {items.length})
          </span>
          <button
            type="button"
            class="link-button"
            aria-label="Next layer"
            onClick={() => setFocus((index + 1) % items.length)}
          >
            ›
          </button>
        </div>
      ) : null}
      <Stage key={item.nodeId} item={item} props={props} />
    </section>
  );
}
