// A process that does nothing but measure its own event-loop delay (event-loop-delay.ts): the load
// benchmark runs one beside the backend, so that the delays the machine alone causes (other
// processes on its two cores, a virtual processor taken away by the host) show next to the
// backend's. Its first line is "idle"; SIGTERM ends it.
import { printEventLoopDelayAtExit } from "./event-loop-delay.js";

// A timer of its own keeps the process alive: the delay monitor's does not.
const alive = setInterval(() => undefined, 3600_000);
printEventLoopDelayAtExit(async () => clearInterval(alive));
console.log("idle");
