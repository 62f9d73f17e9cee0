// A pace (paced-start.ts) that runs nothing until told: what the later calls of a burst see from the
// backend's pacer, for tests of what waits for it.
import type { Start } from "../../src/backend/paced-start.js";

export function heldPace() {
  const waiting: (() => void)[] = [];
  const pace: Start = (run) =>
    new Promise((resolve, reject) =>
      waiting.push(() => {
        try {
          resolve(run());
        } catch (error) {
          reject(error);
        }
      }),
    );
  return { pace, waiting: () => waiting.length, release: () => waiting.shift()!() };
}
