// A worker thread starts without the TypeScript loader its parent may run under (tsx's, or vitest's
// own transform), so this plain module registers tsx in the thread, then loads the TypeScript entry.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
