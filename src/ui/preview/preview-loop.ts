// Plays a scene in a canvas: the chosen options' camera path frame by frame, as the paid render
// would have it, or a camera the designer moves by hand. Frames are drawn only when the camera
// changes, as software WebGL is slow. Without WebGL2, or when the context is lost and not given
// back, it says so once through `onProblem`.
import type { DepthRenderer, DepthScene, LayeredRenderer, LayeredScene } from "../../render/index.js";
// Not through index.js, which would bring all of src/render in at start (see on-demand.ts).
import { isLayeredScene } from "../../render/layered-scene.js";
import { animationSettings } from "../../shared/animation-settings.js";
import type { AnimationOptions } from "../../shared/api.js";
import type { CameraPosition } from "../../shared/camera.js";
import { loadRender } from "../on-demand.js";

export const PREVIEW_SENTENCES = {
  noWebgl: "This preview needs WebGL2, which this browser does not offer; everything else works without it.",
  lost: "The preview stopped: the browser took back its graphics context and did not restore it.",
} as const;

/** The most the path advances between two animation frames. */
const MAX_STEP_MS = 100;

/** How long a lost context may take to come back before the preview gives up. */
export const RESTORE_WAIT_MS = 3000;

export interface PreviewLoop {
  setOptions(options: AnimationOptions): void;
  /** A camera held by hand, or null to play the path again. */
  setManual(camera: CameraPosition | null): void;
  setPaused(paused: boolean): void;
  setOverlay(on: boolean): void;
  /** A layered scene's plane depths, back to front, as the Layers panel's sliders move. */
  setPlaneDepths(depths: readonly number[]): void;
  dispose(): void;
}

interface Path {
  fps: number;
  frames: CameraPosition[];
}

export function startPreviewLoop(
  canvas: HTMLCanvasElement,
  initialScene: DepthScene | LayeredScene,
  size: { width: number; height: number },
  initial: { options: AnimationOptions; paused: boolean },
  onProblem: (sentence: string | null) => void,
): PreviewLoop {
  let scene = initialScene;
  let options = initial.options;
  let path = pathOf(options, size);
  let manual: CameraPosition | null = null;
  let paused = initial.paused;
  let overlay = false;
  let shown = -1;
  let dirty = true;
  let frame = 0;
  let clock = 0;
  let last = performance.now();
  let renderer: DepthRenderer | null = null;
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  let raf = 0;
  let disposed = false;

  async function build(): Promise<void> {
    const { createDepthRenderer } = await loadRender();
    if (disposed) return;
    try {
      renderer = createDepthRenderer(canvas, scene);
      renderer.setDisocclusionOverlay(overlay);
      onProblem(null);
    } catch {
      renderer = null;
      onProblem(PREVIEW_SENTENCES.noWebgl);
    }
  }

  function tick(now: number): void {
    raf = requestAnimationFrame(tick);
    // A stalled page (a shader compiling, a tab in the background) resumes where it was, not later.
    if (!paused && !manual) clock += Math.min(now - last, MAX_STEP_MS);
    last = now;
    if (!renderer) return;
    fitToLayout();
    frame = Math.floor((clock / 1000) * path.fps) % path.frames.length;
    if (!dirty && !manual && frame === shown) return;
    const camera = manual ?? path.frames[frame]!;
    renderer.render({ ...camera, gain: options.gain, convergence: options.convergence });
    canvas.dataset.frame = String(frame);
    canvas.dataset.camera = [camera.x, camera.y, camera.z].map((v) => v.toFixed(3)).join(",");
    shown = frame;
    dirty = false;
  }

  // The drawing buffer follows the canvas's laid-out size, in device pixels (at most two per CSS pixel).
  function fitToLayout(): void {
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (width === canvas.width && height === canvas.height) return;
    renderer?.resize(width, height);
    dirty = true;
  }

  const onLost = (event: Event) => {
    event.preventDefault(); // asks the browser to restore it
    renderer = null;
    giveUp = setTimeout(() => onProblem(PREVIEW_SENTENCES.lost), RESTORE_WAIT_MS);
  };
  const onRestored = () => {
    clearTimeout(giveUp);
    void build();
    dirty = true;
  };
  canvas.addEventListener("webglcontextlost", onLost);
  canvas.addEventListener("webglcontextrestored", onRestored);
  void build();
  raf = requestAnimationFrame(tick);

  return {
    setOptions(next) {
      options = next;
      path = pathOf(next, size);
      dirty = true;
    },
    setManual(camera) {
      manual = camera;
      dirty = true;
    },
    setPaused(next) {
      paused = next;
    },
    setPlaneDepths(depths) {
      if (!isLayeredScene(scene)) return;
      // Kept in the scene too, so a renderer built again after a lost context has them.
      scene = { ...scene, planes: scene.planes.map((plane, i) => ({ ...plane, depth: depths[i] ?? plane.depth })) };
      (renderer as LayeredRenderer | null)?.setPlaneDepths(scene.planes.map((plane) => plane.depth));
      dirty = true;
    },
    setOverlay(on) {
      overlay = on;
      renderer?.setDisocclusionOverlay(on);
      dirty = true;
    },
    dispose() {
      disposed = true;
      cancelAnimationFrame(raf);
      clearTimeout(giveUp);
      canvas.removeEventListener("webglcontextlost", onLost);
      canvas.removeEventListener("webglcontextrestored", onRestored);
      renderer?.dispose();
      // Browsers keep only a few contexts: give this one back now rather than at garbage collection.
      canvas.getContext("webgl2")?.getExtension("WEBGL_lose_context")?.loseContext();
    },
  };
}

/** The frames and rate the paid render would have for these options. */
function pathOf(options: AnimationOptions, size: { width: number; height: number }): Path {
  const settings = animationSettings(options, size);
  return { fps: settings.fps, frames: settings.path };
}
