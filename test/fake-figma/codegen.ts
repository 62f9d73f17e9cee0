/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// figma.codegen, as Dev Mode's Code section drives it: the plugin registers a "generate" callback,
// Figma calls it when the designer or developer selects a layer and waits at most 15 s for it.
// `generate` is the test's side: it plays that selection with the language picked in the panel.
import { figmaError, notInFake } from "./errors.js";

type GenerateCallback = (event: CodegenEvent) => Promise<CodegenResult[]> | CodegenResult[];
type PreferencesCallback = (event: CodegenPreferencesEvent) => Promise<void>;
type AnyCallback = GenerateCallback | PreferencesCallback;

/** Figma's own limit on a "generate" callback. */
export const CODEGEN_TIMEOUT_MS = 15_000;

export class FakeCodegen implements CodegenAPI {
  readonly preferences: CodegenPreferences = { unit: "PIXEL", customSettings: {} };
  readonly #callbacks: { callback: GenerateCallback; once: boolean }[] = [];
  #generating = 0;

  on(type: "generate" | "preferenceschange", callback: AnyCallback): void {
    this.#add(type, callback as GenerateCallback, false);
  }

  once(type: "generate" | "preferenceschange", callback: AnyCallback): void {
    this.#add(type, callback as GenerateCallback, true);
  }

  off(type: "generate" | "preferenceschange", callback: AnyCallback): void {
    const index = this.#callbacks.findIndex((entry) => (entry.callback as AnyCallback) === callback);
    if (type === "generate" && index >= 0) this.#callbacks.splice(index, 1);
  }

  refresh(): void {
    throw notInFake("figma.codegen.refresh");
  }

  /** True while a "generate" callback runs: figma.showUI is refused then. */
  get generating(): boolean {
    return this.#generating > 0;
  }

  /** Plays Dev Mode selecting `node` with `language`; rejects as Figma reports a timeout. */
  async generate(node: SceneNode, language: string): Promise<CodegenResult[]> {
    const entry = this.#callbacks[0];
    if (!entry) throw new Error("the plugin registered no codegen 'generate' callback");
    if (entry.once) this.#callbacks.shift();
    this.#generating++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("code generation timed out after 15 seconds")), CODEGEN_TIMEOUT_MS);
      });
      const results = await Promise.race([Promise.resolve(entry.callback({ node, language })), timeout]);
      return structuredClone(results);
    } finally {
      clearTimeout(timer);
      this.#generating--;
    }
  }

  #add(type: string, callback: GenerateCallback, once: boolean): void {
    if (type === "preferenceschange") throw notInFake("codegen 'preferenceschange'");
    if (type !== "generate") throw figmaError("codegen.on", `Unknown event type: ${type}`);
    this.#callbacks.push({ callback, once });
  }
}
