// A burst of requests reaches Node in one turn of the event loop, and handling them all in that turn
// holds every timer (upstream timeouts, sweeps, keep-alive) back for as long as the burst takes.
// pacedStart() starts the calls given to it in order, each in a callback of its own (so the
// promise jobs it sets off run before the next starts), and no more of them in one turn of the
// loop than fit in a few milliseconds; the rest start in the turns after.

export type Start = <T>(run: () => T | Promise<T>) => Promise<T>;

/** Starts each call at once: where nothing needs pacing (tests, tools). */
export const startNow: Start = async (run) => run();

export function pacedStart(budgetMs: number, clock: () => number = () => performance.now()): Start {
  const waiting: (() => void)[] = [];
  let turnStartedAt = -1;
  let paused = false;

  const resume = () => {
    paused = false;
    turnStartedAt = -1;
  };

  // One immediate per waiting call: those queued in a turn run in that turn's check phase, and one
  // that finds the budget spent queues itself again for the next turn, behind the reset.
  const startOne = () => {
    if (!paused && turnStartedAt >= 0 && clock() - turnStartedAt >= budgetMs) {
      paused = true;
      setImmediate(resume);
    }
    if (paused) {
      setImmediate(startOne);
      return;
    }
    if (turnStartedAt < 0) turnStartedAt = clock();
    waiting.shift()!();
    if (waiting.length === 0) turnStartedAt = -1;
  };

  return (run) =>
    new Promise((resolve, reject) => {
      waiting.push(() => {
        try {
          resolve(run());
        } catch (error) {
          reject(error);
        }
      });
      setImmediate(startOne);
    });
}
