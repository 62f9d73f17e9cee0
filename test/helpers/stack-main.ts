// The test stack in a process of its own, for suites whose environment (happy-dom) replaces the
// globals a Node server needs. Prints one JSON line with its addresses; SIGTERM stops it.
import { startStack, TEST_API_KEY } from "./stack.js";

const stack = await startStack();
console.log(JSON.stringify({ backendUrl: stack.backend.url, emulatorUrl: stack.emulator.url, apiKey: TEST_API_KEY }));
process.on("SIGTERM", () => void stack.close().then(() => process.exit(0)));
