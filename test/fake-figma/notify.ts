/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
// figma.notify: Figma shows at most 100 characters and silently truncates the rest. The fake shows
// the same truncation and keeps what was asked for, so a test can require every message to fit.
import { figmaError } from "./errors.js";

export const NOTIFY_LIMIT = 100;
// Figma's default notification timeout.
const DEFAULT_TIMEOUT_MS = 3000;

export interface NotificationRecord {
  // The text as shown, at most 100 characters.
  readonly message: string;
  readonly requested: string;
  readonly truncated: boolean;
  readonly error: boolean;
  readonly timeout: number;
  readonly button: string | undefined;
  readonly cancelled: boolean;
}

export class Notifier {
  readonly #records: NotificationRecord[] = [];

  get records(): readonly NotificationRecord[] {
    return this.#records;
  }

  notify(message: string, options: NotificationOptions = {}): NotificationHandler {
    if (typeof message !== "string") throw figmaError("notify", "Expected message to be a string");
    // Counted in characters (code points), so an emoji is never cut in half.
    const characters = Array.from(message);
    const index = this.#records.length;
    this.#records.push({
      message: characters.slice(0, NOTIFY_LIMIT).join(""),
      requested: message,
      truncated: characters.length > NOTIFY_LIMIT,
      error: options.error ?? false,
      timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
      button: options.button?.text,
      cancelled: false,
    });
    return {
      cancel: () => {
        this.#records[index] = { ...this.#records[index]!, cancelled: true };
      },
    };
  }
}
