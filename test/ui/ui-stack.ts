// The backend and emulator the happy-dom UI suites run against, in a child process, with the
// emulator's counters reset before each test.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { spawnEntry } from "../helpers/spawn-entry.js";

export interface UiStack {
  backendUrl: string;
  emulatorUrl: string;
  apiKey: string;
}

/** Starts the stack for the calling suite; `stack()` is valid inside its tests. */
export function useUiStack() {
  let stack: UiStack | null = null;
  let stop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const child = await spawnEntry("./stack-main.ts");
    stack = JSON.parse(child.firstLine) as UiStack;
    stop = child.stop;
  });
  afterAll(() => stop());

  const current = () => {
    if (!stack) throw new Error("the UI stack is not started yet");
    return stack;
  };

  /** The emulator's control API through Node's http: happy-dom's fetch applies CORS, which that API does not answer. */
  function control(path: string, body?: object): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${current().emulatorUrl}/__emulator${path}`,
        { method: body ? "POST" : "GET", headers: { "content-type": "application/json" } },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(text))));
        },
      );
      req.on("error", reject);
      req.end(body ? JSON.stringify(body) : undefined);
    });
  }

  /** The paid calls the emulator has seen since the test began. */
  async function calls() {
    const { disparity, animation } = ((await control("/stats")) as { calls: Record<string, number> }).calls;
    return { disparity: disparity ?? 0, animation: animation ?? 0 };
  }

  beforeEach(() => control("/reset", {}));
  return { stack: current, control, calls };
}

export const NO_CALLS = { disparity: 0, animation: 0 };
