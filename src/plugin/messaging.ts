// The sandbox's side of the message protocol: events out, requests in, one answer per request.
import { UiRequest, type Answer, type PluginEvent, type UiRequestType } from "../shared/messages.js";

type Handlers = { [T in UiRequestType]: (request: Extract<UiRequest, { type: T }>) => Promise<object> };

export function sendEvent(event: PluginEvent): void {
  figma.ui.postMessage(event);
}

export function serveRequests(handlers: Handlers): void {
  figma.ui.onmessage = async (message: unknown) => {
    const parsed = UiRequest.safeParse(message);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      console.warn("Depthframe: refused a message from the UI", issue?.path.join("."), issue?.message);
      // A request with an id is answered, so the UI does not wait for ever; anything else is ignored.
      const id = (message as { id?: unknown } | null)?.id;
      if (typeof id === "number")
        figma.ui.postMessage({
          type: "answer",
          id,
          ok: false,
          error: `The plugin refused the request: ${issue?.message ?? "invalid"}.`,
        });
      return;
    }
    const request = parsed.data;
    let answer: Answer;
    try {
      const handler = handlers[request.type] as (r: UiRequest) => Promise<object>;
      answer = { type: "answer", id: request.id, ok: true, value: await handler(request) };
    } catch (error) {
      answer = {
        type: "answer",
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    figma.ui.postMessage(answer);
  };
}
