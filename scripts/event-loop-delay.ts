// The worst event-loop delay a process sees, which no API reveals: measured from the call until
// SIGTERM, then printed as the process's last line, as JSON ({"eventLoopDelayMaxMs": …}), once the
// stop given has run (its time is not measured).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { exitOnSignals } from "../src/shared/exit-on-signals.js";

export function printEventLoopDelayAtExit(stop: () => Promise<void>): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  exitOnSignals(async () => {
    delay.disable();
    await stop();
    console.log(JSON.stringify({ eventLoopDelayMaxMs: delay.max / 1e6 }));
  });
}

/** The last line of a process that called printEventLoopDelayAtExit, read. */
export function eventLoopDelayOf(lines: string[]): number {
  return (JSON.parse(lines.at(-1)!) as { eventLoopDelayMaxMs: number }).eventLoopDelayMaxMs;
}
