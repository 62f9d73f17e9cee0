/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// figma.clientStorage: a per-user, per-plugin key-value store of 5 MB in all. Values are stored as
// structured clones (a Uint8Array stays one; a function is refused), and each entry counts as Figma
// documents it: the key plus the value as JSON, or the byte length of a Uint8Array value.
//
// One instance can be shared by several fakes to play a plugin that is closed and run again.
import { figmaError } from "./errors.js";
import { utf8Length } from "./utf8.js";

// Figma says "5MB"; the decimal reading is the stricter one.
export const CLIENT_STORAGE_LIMIT = 5_000_000;

function entrySize(key: string, value: unknown): number {
  return utf8Length(key) + (value instanceof Uint8Array ? value.byteLength : utf8Length(JSON.stringify(value) ?? ""));
}

function checkKey(key: unknown, operation: string): string {
  if (typeof key !== "string") throw figmaError(operation, "Expected key to be a string");
  return key;
}

export class FakeClientStorage implements ClientStorageAPI {
  readonly #entries = new Map<string, { value: unknown; size: number }>();

  async getAsync(key: string): Promise<unknown> {
    const entry = this.#entries.get(checkKey(key, "getAsync"));
    return entry ? structuredClone(entry.value) : undefined;
  }

  async setAsync(key: string, value: unknown): Promise<void> {
    checkKey(key, "setAsync");
    const copy = structuredClone(value);
    const size = entrySize(key, copy);
    const used = this.bytesUsed - (this.#entries.get(key)?.size ?? 0);
    if (used + size > CLIENT_STORAGE_LIMIT) {
      throw figmaError(
        "setAsync",
        `Storing "${key}" (${size} bytes) would exceed the 5 MB client storage quota (${used} bytes in use)`,
      );
    }
    this.#entries.set(key, { value: copy, size });
  }

  async deleteAsync(key: string): Promise<void> {
    this.#entries.delete(checkKey(key, "deleteAsync"));
  }

  async keysAsync(): Promise<string[]> {
    return [...this.#entries.keys()];
  }

  get bytesUsed(): number {
    let total = 0;
    for (const { size } of this.#entries.values()) total += size;
    return total;
  }
}
