// The UI's side of the message protocol: typed requests to the sandbox, each resolved by the answer
// with its id, and validated events. Anything else that arrives is ignored and logged.
import { ANSWERS, Answer, PluginEvent, type AnswerOf, type UiRequest, type UiRequestType } from "../shared/messages.js";

type RequestBody<T extends UiRequestType> = Omit<Extract<UiRequest, { type: T }>, "type" | "id">;

export interface Bridge {
  request<T extends UiRequestType>(type: T, body: RequestBody<T>): Promise<AnswerOf<T>>;
  onEvent(listener: (event: PluginEvent) => void): () => void;
}

/** `target` is the window that hosts the plugin (Figma's, or a test host). */
export function createBridge(source: Window = window, target: Pick<Window, "postMessage"> = parent): Bridge {
  let nextId = 1;
  const pending = new Map<
    number,
    { type: UiRequestType; resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  const listeners = new Set<(event: PluginEvent) => void>();

  source.addEventListener("message", (message: MessageEvent) => {
    const data: unknown = (message.data as { pluginMessage?: unknown } | null)?.pluginMessage;
    if (data === undefined) return;
    const answer = Answer.safeParse(data);
    if (answer.success) {
      const waiting = pending.get(answer.data.id);
      if (!waiting) return console.warn("Depthframe: an answer nobody waits for", answer.data.id);
      pending.delete(answer.data.id);
      if (!answer.data.ok) return waiting.reject(new Error(answer.data.error));
      const value = ANSWERS[waiting.type].safeParse(answer.data.value);
      return value.success
        ? waiting.resolve(value.data)
        : waiting.reject(new Error(`The plugin answered ${waiting.type} in an unknown shape.`));
    }
    const event = PluginEvent.safeParse(data);
    if (event.success) return listeners.forEach((listener) => listener(event.data));
    console.warn("Depthframe: ignored an unknown message from the plugin");
  });

  return {
    request(type, body) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { type, resolve: resolve as (value: unknown) => void, reject });
        target.postMessage({ pluginMessage: { ...body, type, id } }, "*");
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
