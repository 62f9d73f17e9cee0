import { describe, expect, it } from "vitest";
import { pacedStart } from "../../src/backend/paced-start.js";

/** A clock that moves only when told: each started call "takes" stepMs. */
function steppedClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

describe("pacedStart", () => {
  it("starts every call in the order given and answers what each one answers", async () => {
    const start = pacedStart(5);
    const started: number[] = [];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => start(async () => (started.push(i), i * 2))));
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it("starts no more in one turn of the event loop than fit in the budget, and the rest in later turns", async () => {
    const { clock, advance } = steppedClock();
    const start = pacedStart(5, clock);
    let started = 0;
    const all = Array.from({ length: 30 }, () => start(() => (started++, advance(2))));
    // Queued behind the burst: it runs at the end of the first turn's check phase.
    const afterFirstTurn = new Promise<number>((resolve) => setImmediate(() => resolve(started)));
    // 0, 2 and 4 ms into the turn start; at 6 ms the budget of 5 is spent.
    expect(await afterFirstTurn).toBe(3);
    await Promise.all(all);
    expect(started).toBe(30);
  });

  it("passes on a call's failure, thrown or rejected, and goes on with the others", async () => {
    const start = pacedStart(5);
    const thrown = start(() => {
      throw new Error("thrown");
    });
    const rejected = start(() => Promise.reject(new Error("rejected")));
    const fine = start(() => "fine");
    await expect(thrown).rejects.toThrow("thrown");
    await expect(rejected).rejects.toThrow("rejected");
    await expect(fine).resolves.toBe("fine");
  });
});
