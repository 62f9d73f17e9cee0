/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// figma.ui: the plugin's iframe as the sandbox sees it. Every message in either direction is a
// structured clone, as with window.postMessage: a Uint8Array arrives as a Uint8Array, a class
// instance arrives as a plain object, and a function makes the send throw a DataCloneError.
//
// Test side: `sent` holds what the plugin posted (as the UI receives it), `onPostMessage` forwards
// each of those (a browser host hands it to a real iframe), and deliver() plays a message from the UI.
import { figmaError } from "./errors.js";

export interface UiState {
  readonly html: string;
  readonly width: number;
  readonly height: number;
  readonly visible: boolean;
  readonly themeColors: boolean;
  readonly title: string | undefined;
  readonly position: Vector;
}

// Figma's defaults and minimum size for the plugin window.
const DEFAULT_SIZE = { width: 300, height: 200 };
const MIN_SIZE = { width: 70, height: 0 };

export class FakeUi implements UIAPI {
  readonly sent: unknown[] = [];
  onmessage: MessageEventHandler | undefined;
  #listeners: { handler: MessageEventHandler; once: boolean }[] = [];
  #state: UiState | null = null;

  constructor(public onPostMessage: ((message: unknown) => void) | undefined) {}

  // What figma.showUI does: a second call replaces the open UI.
  open(html: string, options: ShowUIOptions = {}): void {
    this.#state = {
      html,
      width: Math.max(MIN_SIZE.width, options.width ?? DEFAULT_SIZE.width),
      height: Math.max(MIN_SIZE.height, options.height ?? DEFAULT_SIZE.height),
      visible: options.visible ?? true,
      themeColors: options.themeColors ?? false,
      title: options.title,
      position: options.position ?? { x: 0, y: 0 },
    };
  }

  // The open UI, or null before showUI and after close.
  get state(): UiState | null {
    return this.#state;
  }

  #openState(operation: string): UiState {
    if (!this.#state) throw figmaError(operation, "No UI is open: call figma.showUI first");
    return this.#state;
  }

  #update(operation: string, change: Partial<UiState>): void {
    this.#state = { ...this.#openState(operation), ...change };
  }

  show(): void {
    this.#update("show", { visible: true });
  }

  hide(): void {
    this.#update("hide", { visible: false });
  }

  resize(width: number, height: number): void {
    this.#update("resize", { width: Math.max(MIN_SIZE.width, width), height: Math.max(MIN_SIZE.height, height) });
  }

  reposition(x: number, y: number): void {
    this.#update("reposition", { position: { x, y } });
  }

  getPosition(): { windowSpace: Vector; canvasSpace: Vector } {
    const { position } = this.#openState("getPosition");
    return { windowSpace: position, canvasSpace: position };
  }

  close(): void {
    this.#state = null;
  }

  postMessage(pluginMessage: unknown): void {
    this.#openState("postMessage");
    const copy = structuredClone(pluginMessage);
    this.sent.push(copy);
    this.onPostMessage?.(copy);
  }

  on(type: "message", handler: MessageEventHandler): void {
    this.#listeners.push({ handler, once: false });
  }

  once(type: "message", handler: MessageEventHandler): void {
    this.#listeners.push({ handler, once: true });
  }

  off(type: "message", handler: MessageEventHandler): void {
    this.#listeners = this.#listeners.filter((entry) => entry.handler !== handler);
  }

  // A message from the UI (parent.postMessage({pluginMessage}, "*")). It is cloned at once, so an
  // uncloneable message throws here as it would in the iframe, and handed to the handlers in a later
  // task, as the browser does. The promise settles when the handlers have (so a test can await the
  // plugin's reaction) and rejects if one of them fails.
  deliver(message: unknown, origin = "null"): Promise<void> {
    this.#openState("deliver a message from the UI");
    return this.#dispatch(structuredClone(message), origin);
  }

  async #dispatch(message: unknown, origin: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const handlers = [...(this.onmessage ? [this.onmessage] : []), ...this.#listeners.map((entry) => entry.handler)];
    this.#listeners = this.#listeners.filter((entry) => !entry.once);
    await Promise.all(handlers.map((handler) => new Promise((resolve) => resolve(handler(message, { origin })))));
  }
}
