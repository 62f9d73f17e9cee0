// One layer from export to placed result. Every network step honours the signal; placing is a
// single message the sandbox carries out whole, sent only while the item is still wanted.
import type { DisparityOptions } from "../shared/api.js";
import type { Bridge } from "./bridge.js";
import { BackendError, type BackendClient } from "./backend-client.js";
import { fitForFigma } from "./image-resize.js";
import type { ItemState } from "./item-state.js";
import { sha256Hex } from "../shared/sha256.js";

export interface ItemJob {
  nodeId: string;
  targetSize: number;
  options: DisparityOptions;
  fresh: boolean;
}

export interface ItemDeps {
  bridge: Bridge;
  client: BackendClient;
  report: (state: ItemState) => void;
  /** How often a 429 is waited out before it is shown. */
  rateLimitRetries?: number;
}

export class FigmaError extends Error {
  constructor(
    readonly step: "export" | "place",
    message: string,
  ) {
    super(message);
  }
}

function abortableSleep(seconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

async function inFigma<T>(step: "export" | "place", work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new FigmaError(step, (error as Error).message);
  }
}

export async function runItem(job: ItemJob, deps: ItemDeps, signal: AbortSignal): Promise<{ resultNodeId: string; cached: boolean }> {
  const { bridge, client, report } = deps;
  report({ status: "exporting" });
  const exported = await inFigma("export", bridge.request("export", { nodeId: job.nodeId, targetSize: job.targetSize }));
  signal.throwIfAborted();

  const sha256 = await sha256Hex(exported.bytes);
  report({ status: "uploading", progress: 0 });
  const upload = await client.createUpload({ sha256, contentType: exported.contentType, size: exported.bytes.length }, signal);
  if (upload.upload) await client.putBytes(upload.upload, exported.bytes, (progress) => report({ status: "uploading", progress }), signal);

  report({ status: "generating" });
  let result;
  for (let attempt = 0; ; attempt++) {
    try {
      result = await client.disparity({ imageId: upload.imageId, options: job.options, fresh: job.fresh }, signal);
      break;
    } catch (error) {
      // A 429 spent nothing, so waiting it out and asking again is safe.
      const limited = error instanceof BackendError && error.code === "rate_limited";
      if (!limited || attempt >= (deps.rateLimitRetries ?? 3)) throw error;
      await abortableSleep(error.retryAfterS ?? 5, signal);
    }
  }

  report({ status: "downloading", progress: 0 });
  const downloaded = await client.download(result.url, (progress) => report({ status: "downloading", progress }), signal);
  const bytes = await fitForFigma(downloaded, result.contentType);
  signal.throwIfAborted();

  report({ status: "placing" });
  const placed = await inFigma(
    "place",
    bridge.request("place", { nodeId: job.nodeId, kind: "depth", bytes, resultId: result.resultId, options: job.options }),
  );
  return { resultNodeId: placed.resultNodeId, cached: result.cached };
}
