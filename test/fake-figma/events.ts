// figma.on / once / off for the events the plugin uses. Handlers run in registration order; emit
// returns a promise of all their results so a test can wait for async handlers to finish. Events
// Figma raises on its own schedule (selectionchange) are queued to a later task, and flush() waits
// until that queue is empty.
import { notInFake } from "./errors.js";

const FAKE_EVENTS = ["selectionchange", "currentpagechange", "run", "close"] as const;
type FakeEventType = (typeof FAKE_EVENTS)[number];
// Figma's typings declare every handler's arguments as any.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (...args: any[]) => unknown;

function eventType(type: string): FakeEventType {
  const known = FAKE_EVENTS.find((event) => event === type);
  if (!known) throw notInFake(`the "${type}" event (only ${FAKE_EVENTS.join(", ")})`);
  return known;
}

export class EventHub {
  readonly #handlers = new Map<FakeEventType, { handler: Handler; once: boolean }[]>();
  readonly #queued = new Set<FakeEventType>();
  readonly #pending = new Set<Promise<void>>();
  readonly #failures: unknown[] = [];

  on(type: string, handler: Handler, once = false): void {
    const event = eventType(type);
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), { handler, once }]);
  }

  off(type: string, handler: Handler): void {
    const event = eventType(type);
    this.#handlers.set(
      event,
      (this.#handlers.get(event) ?? []).filter((entry) => entry.handler !== handler),
    );
  }

  // Handlers are called now; a handler that throws becomes a rejection of the returned promise.
  emit(type: FakeEventType, ...args: unknown[]): Promise<void> {
    const entries = this.#handlers.get(type) ?? [];
    this.#handlers.set(
      type,
      entries.filter((entry) => !entry.once),
    );
    const results = entries.map((entry) => new Promise((resolve) => resolve(entry.handler(...args))));
    return Promise.all(results).then(() => undefined);
  }

  // Fires now and keeps a handler failure for flush() to report, for callers that cannot wait.
  emitTracked(type: FakeEventType, ...args: unknown[]): void {
    this.#track(this.emit(type, ...args));
  }

  // Several changes in one task give one event, as when Figma coalesces a burst of selection edits.
  emitLater(type: FakeEventType): void {
    if (this.#queued.has(type)) return;
    this.#queued.add(type);
    this.#track(
      new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
        this.#queued.delete(type);
        return this.emit(type);
      }),
    );
  }

  #track(delivery: Promise<void>): void {
    const tracked: Promise<void> = delivery
      .catch((error: unknown) => {
        this.#failures.push(error);
      })
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  // Waits for queued events, including those their handlers queue, and rethrows a handler failure.
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
    if (this.#failures.length > 0) throw this.#failures.splice(0)[0];
  }
}
