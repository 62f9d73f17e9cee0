// Per-node data a plugin may attach: private plugin data (limited to 100 kB per entry, counting the
// plugin id, the key and the value) and relaunch data (buttons shown when the node is selected).
import { figmaError } from "./errors.js";
import { utf8Length } from "./utf8.js";

// Figma says "100 kB"; the decimal reading is the stricter one, so a plugin that fits here fits there.
export const PLUGIN_DATA_ENTRY_LIMIT = 100_000;
// setRelaunchData throws above this; the panel shows even less (three lines).
const RELAUNCH_DESCRIPTION_LIMIT = 1000;

export class PluginDataStore {
  readonly #entries = new Map<string, string>();
  #relaunch: Record<string, string> = {};

  constructor(private readonly pluginId: string) {}

  get(key: string): string {
    if (typeof key !== "string") throw figmaError("getPluginData", "Expected key to be a string");
    return this.#entries.get(key) ?? "";
  }

  // An empty value removes the key, as in Figma.
  set(key: string, value: string): void {
    if (typeof key !== "string" || typeof value !== "string")
      throw figmaError("setPluginData", "Expected key and value to be strings");
    if (!this.pluginId) {
      throw figmaError(
        "setPluginData",
        "Cannot set private plugin data in a plugin without an ID. " +
          'Make sure your plugin manifest has a valid "id" field.',
      );
    }
    if (utf8Length(this.pluginId) + utf8Length(key) + utf8Length(value) > PLUGIN_DATA_ENTRY_LIMIT) {
      throw figmaError("setPluginData", "The plugin data entry is larger than the 100 kB limit");
    }
    if (value === "") this.#entries.delete(key);
    else this.#entries.set(key, value);
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  // Each call replaces all relaunch data of the node.
  setRelaunch(data: { [command: string]: string }): void {
    for (const [command, description] of Object.entries(data)) {
      if (typeof description !== "string")
        throw figmaError("setRelaunchData", `Expected the description of "${command}" to be a string`);
      if (description.length > RELAUNCH_DESCRIPTION_LIMIT) {
        throw figmaError(
          "setRelaunchData",
          `The description of "${command}" is longer than ${RELAUNCH_DESCRIPTION_LIMIT} characters`,
        );
      }
    }
    this.#relaunch = { ...data };
  }

  getRelaunch(): { [command: string]: string } {
    return { ...this.#relaunch };
  }
}
