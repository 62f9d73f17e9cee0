// Entry of the animation worker thread (see animation-thread.ts): renders the jobs it is sent.
import { parentPort } from "node:worker_threads";
import { encodeAnimation, type AnimationJob } from "./encode-animation.js";

export interface JobMessage {
  id: number;
  job: AnimationJob;
}

export type ResultMessage = { id: number; bytes: Uint8Array } | { id: number; error: string };

const port = parentPort!;
port.on("message", async ({ id, job }: JobMessage) => {
  let answer: ResultMessage;
  try {
    answer = { id, bytes: await encodeAnimation(job) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  // The encoders answer arrays of their own, so handing the memory over costs no copy.
  port.postMessage(answer, "bytes" in answer ? [answer.bytes.buffer as ArrayBuffer] : []);
});
