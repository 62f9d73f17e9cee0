// Runs the real sandbox code (src/plugin/main.ts) against the fake figma, and talks to it the way
// the UI does: requests with ids in, answers and events out.
import { vi } from "vitest";
import type { Answer, PluginEvent, UiRequest } from "../../src/shared/messages.js";
import { createFakeFigma, type FakeFigma, type FakeFigmaOptions } from "../fake-figma/index.js";
import { sandboxTimers } from "../fake-figma/sandbox-timers.js";

type Body<T extends UiRequest["type"]> = Omit<Extract<UiRequest, { type: T }>, "type" | "id">;

export interface PluginSession {
  fake: FakeFigma;
  request<T extends UiRequest["type"]>(type: T, body: Body<T>): Promise<Answer>;
  /** Resolves with the next selection event the plugin sends after now. */
  nextSelection(): Promise<Extract<PluginEvent, { type: "selection" }>>;
  close(): void;
}

export async function startPlugin(
  options: FakeFigmaOptions = {},
  build?: (fake: FakeFigma) => void,
): Promise<PluginSession> {
  const fake = createFakeFigma(options);
  build?.(fake);
  const uninstall = fake.install();
  const cancelTimers = sandboxTimers();
  const restore = () => {
    cancelTimers();
    uninstall();
  };
  vi.resetModules();
  await import("../../src/plugin/main.js");
  let nextId = 1;
  const answerOf = (id: number) =>
    fake.ui.sent.find((m): m is Answer => (m as Answer).type === "answer" && (m as Answer).id === id);

  return {
    fake,
    async request(type, body) {
      const id = nextId++;
      await fake.deliverFromUi({ ...body, type, id });
      const answer = answerOf(id);
      if (!answer) throw new Error(`no answer to ${type}`);
      return answer;
    },
    async nextSelection() {
      const seen = fake.ui.sent.length;
      for (;;) {
        await fake.flush();
        const event = fake.ui.sent.slice(seen).find((m) => (m as PluginEvent).type === "selection");
        if (event) return event as Extract<PluginEvent, { type: "selection" }>;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: restore,
  };
}

export function valueOf<T>(answer: Answer): T {
  if (!answer.ok) throw new Error(`the plugin answered with an error: ${answer.error}`);
  return answer.value as T;
}
