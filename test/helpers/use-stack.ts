// One stack for a whole test file: started before its tests, closed after them, and the emulator's
// counters, credits and faults reset before each test.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startStack, type Stack } from "./stack.js";

/** The stack of this file; its members can be used once the file's tests run. */
export function useStack(options?: Parameters<typeof startStack>[0]): Stack {
  let current: Stack | null = null;
  beforeAll(async () => {
    current = await startStack(options);
  });
  afterAll(() => current?.close());
  beforeEach(async () => {
    await fetch(`${current!.emulator.url}/__emulator/reset`, { method: "POST" });
  });
  return new Proxy({} as Stack, {
    get(_, member) {
      if (!current) throw new Error("the stack starts in beforeAll; use it inside tests");
      return Reflect.get(current, member);
    },
  });
}
