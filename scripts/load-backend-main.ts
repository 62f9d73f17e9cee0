// The backend alone in a process of its own for the load benchmark, configured from the environment
// as `npm start` is with Immersity credentials set. Its first line is "backend listening on <url>";
// SIGTERM stops it gracefully, and its last line is the worst event-loop delay it saw while
// serving, from its start to the signal (event-loop-delay.ts).
import { loadConfig } from "../src/backend/config.js";
import { startBackend } from "../src/backend/node-server.js";
import { printEventLoopDelayAtExit } from "./event-loop-delay.js";

const backend = await startBackend(loadConfig(process.env));
printEventLoopDelayAtExit(() => backend.close());
console.log(`backend listening on ${backend.url}`);
