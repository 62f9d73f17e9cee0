// The worker thread animations are rendered in, seen from the main thread: rendering a 60-frame
// animation takes seconds of CPU, which would stall every other request of the emulator on its event
// loop. One worker, started on the first job and kept for the next ones (loading the H.264 encoder's
// WebAssembly takes a while); it holds the process open only while a job is running.
import { Worker } from "node:worker_threads";
import type { JobMessage, ResultMessage } from "./animation-thread-entry.js";
import type { AnimationJob } from "./encode-animation.js";

interface Pending {
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

export class AnimationThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** Renders and encodes `job`; its pixel buffers are handed over to the worker and unusable afterwards. */
  render(job: AnimationJob): Promise<Uint8Array> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job } satisfies JobMessage, [
        job.rgba.buffer as ArrayBuffer,
        job.disparity.buffer as ArrayBuffer,
      ]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.abandon(worker, new Error("animation worker closed"));
    await worker.terminate();
  }

  private start(): Worker {
    // Compiled (build/server), the thread's entry is JavaScript beside this code; from the sources it
    // is TypeScript, which a new thread can only load through tsx.
    const worker = import.meta.url.endsWith(".js")
      ? new Worker(new URL("./animation-thread-entry.js", import.meta.url))
      : new Worker(new URL("./tsx-worker-bootstrap.mjs", import.meta.url), {
          workerData: { entry: new URL("./animation-thread-entry.ts", import.meta.url).href },
        });
    worker.on("message", (message: ResultMessage) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if ("error" in message) pending?.reject(new Error(`animation worker: ${message.error}`));
      else pending?.resolve(message.bytes);
    });
    worker.on("error", (error) => this.abandon(worker, error));
    worker.on("exit", (code) => this.abandon(worker, new Error(`animation worker exited with code ${code}`)));
    return worker;
  }

  /** A dead worker fails its jobs; the next job starts a new one. */
  private abandon(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
