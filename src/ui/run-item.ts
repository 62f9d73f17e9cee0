// One layer from export to placed result. Every network step honours the signal; placing is a
// single message the sandbox carries out whole, sent only while the item is still wanted.
import type { AnimationOptions, DisparityOptions, ResultResponse } from "../shared/api.js";
import type { ExportAnswer, PlacedDepth } from "../shared/messages.js";
import { sha256Hex } from "./sha256.js";
import type { Bridge } from "./bridge.js";
import { BackendError, type BackendClient } from "./backend-client.js";
import { gifOutputSize } from "./gif-size.js";
import { fitForFigma } from "./image-resize.js";
import type { ItemState } from "./item-state.js";
import { reusableDepth } from "./placed-depth.js";

export type ItemWork =
  | { kind: "depth"; options: Required<DisparityOptions> }
  | {
      kind: "animation";
      disparity: Required<DisparityOptions>;
      options: AnimationOptions;
      /** The depth map already placed for the layer, reused when it was made with these disparity options. */
      depth: PlacedDepth | null;
    };

export interface ItemJob {
  nodeId: string;
  targetSize: number;
  fresh: boolean;
  work: ItemWork;
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

/** Asks the backend, waiting out 429s: a 429 spent nothing, so asking again is safe. */
async function patiently(ask: () => Promise<ResultResponse>, deps: ItemDeps, signal: AbortSignal): Promise<ResultResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      const limited = error instanceof BackendError && error.code === "rate_limited";
      if (!limited || attempt >= (deps.rateLimitRetries ?? 3)) throw error;
      await abortableSleep(error.retryAfterS ?? 5, signal);
    }
  }
}

type PlaceContentType = "image/png" | "image/jpeg" | "image/gif" | "video/mp4";

export interface ItemOutcome {
  resultNodeId: string;
  cached: boolean;
  /** Something the designer should know about how it was placed. */
  note?: string;
}

export async function runItem(job: ItemJob, deps: ItemDeps, signal: AbortSignal): Promise<ItemOutcome> {
  const { bridge, client, report } = deps;
  report({ status: "exporting" });
  const exported = await inFigma("export", bridge.request("export", { nodeId: job.nodeId, targetSize: job.targetSize }));
  signal.throwIfAborted();

  const sha256 = await sha256Hex(exported.bytes);
  report({ status: "uploading", progress: 0 });
  const upload = await client.createUpload({ sha256, contentType: exported.contentType, size: exported.bytes.length }, signal);
  if (upload.upload) await client.putBytes(upload.upload, exported.bytes, (progress) => report({ status: "uploading", progress }), signal);

  const work = job.work;
  const generate = (options?: AnimationOptions) => {
    report({ status: "generating" });
    if (work.kind === "depth") return patiently(() => client.disparity({ imageId: upload.imageId, options: work.options, fresh: job.fresh }, signal), deps, signal);
    return animate(client, upload.imageId, work, options ?? work.options, job.fresh, exported, deps, signal);
  };
  const placeResult = async (result: ResultResponse, contentType: PlaceContentType, options: AnimationOptions | undefined) => {
    report({ status: "downloading", progress: 0 });
    const downloaded = await client.download(result.url, (progress) => report({ status: "downloading", progress }), signal);
    // Only stills are scaled here; a GIF is asked for at a size Figma takes, and videos have no pixel limit.
    const bytes = contentType === "image/png" || contentType === "image/jpeg" ? await fitForFigma(downloaded, contentType) : downloaded;
    signal.throwIfAborted();
    report({ status: "placing" });
    const recorded = work.kind === "depth" ? work.options : { disparity: work.disparity, animation: options ?? work.options };
    return inFigma("place", bridge.request("place", { nodeId: job.nodeId, kind: work.kind, bytes, contentType, resultId: result.resultId, options: recorded }));
  };

  const result = await generate();
  const placed = await placeResult(result, placeTypeOf(result.contentType), undefined);
  if ("resultNodeId" in placed) return { resultNodeId: placed.resultNodeId, cached: result.cached };

  // The file cannot take the video: the same animation once more, as a GIF placed as an image.
  const gifOptions: AnimationOptions = { ...(work.kind === "animation" ? work.options : {}), animationType: "gif", ...gifOutputSize(work.kind === "animation" ? work.options : {}, exported) };
  const gif = await generate(gifOptions);
  const second = await placeResult(gif, "image/gif", gifOptions);
  if (!("resultNodeId" in second)) throw new FigmaError("place", second.videoRefused);
  return { resultNodeId: second.resultNodeId, cached: gif.cached, note: `Placed as a GIF: Figma refused the video (${placed.videoRefused.replace(/\.$/, "")})` };
}

function placeTypeOf(contentType: string): PlaceContentType {
  if (contentType === "image/png" || contentType === "image/jpeg" || contentType === "image/gif" || contentType === "video/mp4") return contentType;
  throw new BackendError("bad_answer", `The backend answered a result of type ${contentType}, which Figma cannot place.`);
}

/** An animation, building on the depth map already placed when its options match; GIFs sized for Figma. */
async function animate(
  client: BackendClient,
  imageId: string,
  work: Extract<ItemWork, { kind: "animation" }>,
  options: AnimationOptions,
  fresh: boolean,
  exported: ExportAnswer,
  deps: ItemDeps,
  signal: AbortSignal,
): Promise<ResultResponse> {
  const sized = options.animationType === "gif" ? { ...options, ...gifOutputSize(options, exported) } : options;
  const reuse = reusableDepth(work.depth, work.disparity) ?? undefined;
  const ask = (disparityResultId?: string) =>
    patiently(() => client.animation({ imageId, disparity: work.disparity, options: sized, fresh, ...(disparityResultId ? { disparityResultId } : {}) }, signal), deps, signal);
  try {
    return await ask(reuse);
  } catch (error) {
    // The placed depth map's file may have expired from storage; then it is made again.
    if (reuse && error instanceof BackendError && error.code === "disparity_not_found") return ask();
    throw error;
  }
}
