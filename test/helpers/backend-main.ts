// The backend alone in a process of its own, configured from the environment as `npm start` is with
// Immersity credentials set: for the shutdown test and the load benchmark. Its first line is
// "backend listening on <url>"; SIGTERM stops it gracefully, as serve.ts does, and its last line is
// the worst event-loop delay it saw while serving (from its start to the signal, not the shutdown
// after it), as JSON ({"eventLoopDelayMaxMs": …}), which no API reveals.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../../src/backend/config.js";
import { startBackend } from "../../src/backend/node-server.js";
import { exitOnSignals } from "../../src/shared/exit-on-signals.js";

const backend = await startBackend(loadConfig(process.env));
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
console.log(`backend listening on ${backend.url}`);
exitOnSignals(async () => {
  delay.disable();
  await backend.close();
  console.log(JSON.stringify({ eventLoopDelayMaxMs: delay.max / 1e6 }));
});
