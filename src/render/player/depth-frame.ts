// <depth-frame>: the web player a developer ships. An image and its depth map, or a layered scene's
// planes, moved in 3D by the shared camera model, by the pointer, the scroll position or the
// device's tilt. Lazy (draws only while visible), still under prefers-reduced-motion or without
// WebGL2, and never throws into the page.
import { cameraAt } from "../../shared/camera.js";
import { createDepthRenderer, type DepthRenderer } from "../depth-renderer.js";
import { readPlayerAttributes, type PlayerSettings } from "./player-attributes.js";
import { loadPlayerScene } from "./player-scene.js";

const STYLE = `:host{display:inline-block;position:relative;overflow:hidden}
:host([hidden]){display:none}
canvas,img,video{display:block;width:100%;height:100%;object-fit:cover}
canvas{position:absolute;inset:0}`;

export class DepthFrameElement extends HTMLElement {
  static observedAttributes = [
    "src",
    "depth",
    "layers",
    "motion",
    "duration",
    "amplitude",
    "phase",
    "gain",
    "convergence",
    "interaction",
    "fallback",
  ];
  readonly #root = this.attachShadow({ mode: "open" });
  readonly #still = document.createElement("img");
  #canvas: HTMLCanvasElement | null = null;
  #renderer: DepthRenderer | null = null;
  #frame = 0;
  #visible = false;
  #pointer = { x: 0, y: 0 };
  #settings: PlayerSettings | null = null;
  #generation = 0;
  #cleanup: (() => void)[] = [];

  constructor() {
    super();
    const style = document.createElement("style");
    style.textContent = STYLE;
    this.#still.alt = "";
    this.#root.append(style, this.#still);
  }

  connectedCallback(): void {
    void this.#start();
  }

  disconnectedCallback(): void {
    this.#stop();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) {
      this.#stop();
      void this.#start();
    }
  }

  /** True while a frame loop runs: tests and pages can tell a playing player from a still one. */
  get playing(): boolean {
    return this.#frame !== 0;
  }

  async #start(): Promise<void> {
    const generation = ++this.#generation;
    this.#still.src = this.getAttribute("src") ?? "";
    const read = readPlayerAttributes((name) => this.getAttribute(name));
    for (const warning of read.warnings) console.warn(`<depth-frame>: ${warning}`);
    this.#settings = read.settings;
    if (!read.settings) return;
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    try {
      const scene = await loadPlayerScene(read.settings);
      if (generation !== this.#generation) return;
      const canvas = document.createElement("canvas");
      this.#renderer = createDepthRenderer(canvas, scene);
      this.#canvas = canvas;
      this.#root.append(canvas);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#showFallback(error);
      return;
    }
    this.#observe(read.settings);
  }

  #showFallback(error: unknown): void {
    console.warn(`<depth-frame>: showing the still image: ${error instanceof Error ? error.message : String(error)}`);
    const fallback = this.#settings?.fallback;
    if (!fallback) return;
    const video = Object.assign(document.createElement("video"), {
      src: fallback,
      muted: true,
      loop: true,
      autoplay: true,
      playsInline: true,
    });
    video.poster = this.#settings!.src;
    this.#still.replaceWith(video);
    this.#cleanup.push(() => video.replaceWith(this.#still));
  }

  #observe(settings: PlayerSettings): void {
    const visibility = new IntersectionObserver(([entry]) => {
      this.#visible = entry?.isIntersecting ?? false;
      if (this.#visible) this.#loop();
      else this.#pause();
    });
    visibility.observe(this);
    const size = new ResizeObserver(() => this.#resize());
    size.observe(this);
    this.#cleanup.push(
      () => visibility.disconnect(),
      () => size.disconnect(),
    );
    if (settings.interaction === "hover")
      this.#listen(this, "pointermove", (event) => this.#pointAt(event as PointerEvent));
    if (settings.interaction === "hover") this.#listen(this, "pointerleave", () => (this.#pointer = { x: 0, y: 0 }));
    if (settings.interaction === "tilt")
      this.#listen(window, "deviceorientation", (event) => this.#tilt(event as DeviceOrientationEvent));
  }

  #listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
    target.addEventListener(type, handler, { passive: true });
    this.#cleanup.push(() => target.removeEventListener(type, handler));
  }

  #pointAt(event: PointerEvent): void {
    const box = this.getBoundingClientRect();
    this.#pointer = {
      x: ((event.clientX - box.left) / box.width) * 2 - 1,
      y: ((event.clientY - box.top) / box.height) * 2 - 1,
    };
  }

  #tilt(event: DeviceOrientationEvent): void {
    const clamp = (v: number) => Math.max(-1, Math.min(1, v));
    this.#pointer = { x: clamp((event.gamma ?? 0) / 30), y: clamp(((event.beta ?? 45) - 45) / 30) };
  }

  #resize(): void {
    if (!this.#renderer) return;
    const ratio = Math.min(2, devicePixelRatio || 1);
    this.#renderer.resize(
      Math.max(1, Math.round(this.clientWidth * ratio)),
      Math.max(1, Math.round(this.clientHeight * ratio)),
    );
  }

  #loop(): void {
    if (this.#frame !== 0 || !this.#renderer || !this.#settings) return;
    const settings = this.#settings;
    const draw = (now: number) => {
      this.#frame = requestAnimationFrame(draw);
      this.#renderer!.render({
        ...this.#camera(settings, now / 1000),
        gain: settings.gain,
        convergence: settings.convergence,
      });
      // Hidden once a view is drawn: a transparent plane or picture must not show the still through it.
      this.#still.style.visibility = "hidden";
    };
    this.#frame = requestAnimationFrame(draw);
  }

  #camera(settings: PlayerSettings, seconds: number): { x: number; y: number; z: number } {
    const [ax, ay, az] = settings.amplitude;
    if (settings.interaction === "hover" || settings.interaction === "tilt") {
      return { x: this.#pointer.x * ax, y: this.#pointer.y * ay, z: 0 };
    }
    if (settings.interaction === "scroll") {
      const box = this.getBoundingClientRect();
      const progress = (box.top + box.height / 2) / innerHeight; // 0 at the top of the viewport, 1 at the bottom
      return { x: 0, y: (progress * 2 - 1) * ay, z: (1 - progress) * az * 0.5 };
    }
    // A continuous time: frame "index" in seconds at 1 frame a second.
    return cameraAt(settings.path, seconds, 1);
  }

  #pause(): void {
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  #stop(): void {
    this.#generation++;
    this.#pause();
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#renderer?.dispose();
    this.#renderer = null;
    this.#canvas?.remove();
    this.#canvas = null;
    this.#still.style.visibility = "";
  }
}

if (!customElements.get("depth-frame")) customElements.define("depth-frame", DepthFrameElement);
