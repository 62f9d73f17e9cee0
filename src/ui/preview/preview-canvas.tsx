// A canvas that plays a loaded scene with the preview loop. Hovering or dragging over it holds the
// camera by hand, as do the arrow keys when it has focus; leaving, letting go or Esc plays the path
// again. When the loop cannot draw, its sentence takes the canvas's place.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { DepthScene, LayeredScene } from "../../render/index.js";
import type { AnimationOptions } from "../../shared/api.js";
import type { CameraPosition } from "../../shared/camera.js";
import { fitBox, nudgedCamera, pointerCamera } from "./pointer-camera.js";
import { startPreviewLoop, type PreviewLoop } from "./preview-loop.js";

export interface PreviewCanvasProps {
  scene: DepthScene | LayeredScene;
  size: { width: number; height: number };
  /** A layered scene's plane depths as they change, without building the scene again. */
  planeDepths?: readonly number[];
  options: AnimationOptions;
  /** The largest box the canvas may take, in CSS pixels. */
  room: { width: number; height: number };
  label: string;
  paused?: boolean;
  overlay?: boolean;
  /** False for a preview that only plays (a row's): no pointer or key control, not focusable. */
  interactive?: boolean;
  /** Takes the sentence for why it cannot draw (null once it can), instead of showing it. */
  onProblem?: (sentence: string | null) => void;
}

export function PreviewCanvas(props: PreviewCanvasProps) {
  const { scene, size, options, paused = false, overlay = false, interactive = true } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const loop = useRef<PreviewLoop | null>(null);
  const held = useRef<CameraPosition | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const report = useRef(props.onProblem);
  report.current = props.onProblem;
  const box = fitBox(size, props.room);
  // Each scene draws on a canvas of its own: the last one's context is given back when it stops.
  const generation = useRef({ scene, count: 0 });
  if (generation.current.scene !== scene) generation.current = { scene, count: generation.current.count + 1 };

  useLayoutEffect(() => {
    const started = startPreviewLoop(canvas.current!, scene, size, { options, paused }, (sentence) => {
      setProblem(sentence);
      report.current?.(sentence);
    });
    loop.current = started;
    return () => {
      started.dispose();
      loop.current = null;
    };
    // Only a new scene starts it again: later options reach it through setOptions.
  }, [scene]);
  useEffect(() => loop.current?.setOptions(options), [options]);
  useEffect(() => loop.current?.setPaused(paused), [paused]);
  useEffect(() => loop.current?.setOverlay(overlay), [overlay]);
  useEffect(() => {
    if (props.planeDepths) loop.current?.setPlaneDepths(props.planeDepths);
  }, [props.planeDepths]);

  function hold(camera: CameraPosition | null) {
    held.current = camera;
    loop.current?.setManual(camera);
  }
  function onPointer(event: PointerEvent) {
    const rect = canvas.current!.getBoundingClientRect();
    hold(pointerCamera((event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height, options));
  }
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape" && held.current) {
      event.stopPropagation(); // Esc here lets go of the camera, not of a running batch
      return hold(null);
    }
    const next = nudgedCamera(held.current ?? { x: 0, y: 0, z: 0 }, event.key, options);
    if (!next) return;
    event.preventDefault();
    hold(next);
  }

  const control = interactive
    ? {
        tabIndex: 0,
        onPointerMove: onPointer,
        onPointerDown: (event: PointerEvent) => {
          canvas.current!.setPointerCapture(event.pointerId);
          onPointer(event);
        },
        onPointerLeave: () => hold(null),
        onPointerUp: (event: PointerEvent) => event.pointerType !== "mouse" && hold(null),
        onKeyDown,
        onBlur: () => hold(null),
      }
    : {};
  return (
    <>
      <canvas
        key={generation.current.count}
        ref={canvas}
        class="preview__canvas"
        role="img"
        aria-label={props.label}
        hidden={problem !== null}
        style={{ width: `${box.width}px`, height: `${box.height}px` }}
        {...control}
      />
      {problem && !props.onProblem ? <p class="preview__sentence">{problem}</p> : null}
    </>
  );
}
