// The backend alone in a process of its own, configured from the environment as `npm start` is with
// Immersity credentials set: for the shutdown test and the load benchmark. Its first line is
// "backend listening on <url>"; SIGTERM stops it gracefully, as serve.ts does.
import { loadConfig } from "../../src/backend/config.js";
import { startBackend } from "../../src/backend/node-server.js";
import { exitOnSignals } from "../../src/shared/exit-on-signals.js";

const backend = await startBackend(loadConfig(process.env));
exitOnSignals(() => backend.close());
console.log(`backend listening on ${backend.url}`);
