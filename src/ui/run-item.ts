// One layer from export to placed result. Every network step honours the signal; placing is a
// single message the sandbox carries out whole, sent only while the item is still wanted.
import type { AnimationOptions, DisparityOptions, ResultResponse } from "../shared/api.js";
import type { ExportAnswer, PlaceAnswer, PlacedDepth } from "../shared/messages.js";
import type { AnimationEngine } from "../shared/settings.js";
import type { Bridge } from "./bridge.js";
import { BackendError, type BackendClient } from "./backend-client.js";
import { gifOutputSize } from "./gif-size.js";
import { fitForFigma } from "./image-resize.js";
import type { ItemState } from "./item-state.js";
import { reusableDepth } from "./placed-depth.js";
import { uploadBytes } from "./upload-bytes.js";
import { layeredDisparity } from "./planes/layered-animation.js";
import type { LayeredSource } from "./planes/layered-work.js";

export type ItemWork =
  | { kind: "depth"; options: Required<DisparityOptions> }
  | {
      kind: "animation";
      disparity: Required<DisparityOptions>;
      options: AnimationOptions;
      /** Immersity's render, or this computer's (src/ui/local-render.ts). */
      engine: AnimationEngine;
      /** The depth map already placed for the layer, reused when it was made with these disparity options. */
      depth: PlacedDepth | null;
      /** A frame shown as its layers: rendered as planes, or animated by Immersity with its layer depth map. */
      layers?: LayeredSource;
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

export interface ItemOutcome {
  resultNodeId: string;
  cached: boolean;
  /** Something the designer should know about how it was placed. */
  note?: string;
}

/** What every step of one item works with. */
interface ItemContext {
  job: ItemJob;
  deps: ItemDeps;
  signal: AbortSignal;
  imageId: string;
  exported: ExportAnswer;
  /** A layered frame's map, made and placed once for every format tried. */
  layerDepth?: Promise<string>;
}

type ImageSize = Pick<ExportAnswer, "width" | "height">;

type PlaceContentType = "image/png" | "image/jpeg" | "image/gif" | "video/mp4";

function abortableSleep(seconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), {
      once: true,
    });
  });
}

export async function inFigma<T>(step: "export" | "place", work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new FigmaError(step, (error as Error).message);
  }
}

/** Asks the backend, waiting out 429s: a 429 spent nothing, so asking again is safe. */
async function patiently(ask: () => Promise<ResultResponse>, ctx: ItemContext): Promise<ResultResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      const limited = error instanceof BackendError && error.code === "rate_limited";
      if (!limited || attempt >= (ctx.deps.rateLimitRetries ?? 3)) throw error;
      await abortableSleep(error.retryAfterS ?? 5, ctx.signal);
    }
  }
}

/**
 * The animation options to try in turn (null for a depth map): as asked, then, when the file
 * refuses video, the same animation as a GIF sized for Figma.
 */
export function formatsToTry(work: ItemWork, exported: ImageSize): Array<AnimationOptions | null> {
  if (work.kind === "depth") return [null];
  if (work.options.animationType === "gif") return [work.options];
  const gif = {
    ...work.options,
    animationType: "gif" as const,
    ...gifOutputSize(work.options, exported),
  };
  return [work.options, gif];
}

/** A GIF is made at a size Figma takes as an image; a video as asked. */
export const sizedForFigma = (options: AnimationOptions, exported: ImageSize): AnimationOptions =>
  options.animationType === "gif" ? { ...options, ...gifOutputSize(options, exported) } : options;

/** What the row says once a video was refused and a GIF placed instead. */
export const refusedNote = (refused: string) =>
  `Placed as a GIF: Figma refused the video (${refused.replace(/\.$/, "")})`;

/** Makes the result: a depth map, or an animation building on the placed depth map when it matches. */
async function makeResult(ctx: ItemContext, options: AnimationOptions | null): Promise<ResultResponse> {
  const { job, deps, signal, imageId } = ctx;
  const work = job.work;
  deps.report({ status: "generating" });
  if (work.kind === "depth") {
    const ask = () => deps.client.disparity({ imageId, options: work.options, fresh: job.fresh }, signal);
    return patiently(ask, ctx);
  }
  const sized = sizedForFigma(options ?? work.options, ctx.exported);
  if (work.layers) return patiently(() => layeredAnimation(ctx, work, work.layers!, sized), ctx);
  const reuse = reusableDepth(work.depth, work.disparity) ?? undefined;
  const ask = (disparityResultId?: string) =>
    patiently(
      () =>
        deps.client.animation(
          {
            imageId,
            disparity: work.disparity,
            options: sized,
            fresh: job.fresh,
            ...(disparityResultId ? { disparityResultId } : {}),
          },
          signal,
        ),
      ctx,
    );
  try {
    return await ask(reuse);
  } catch (error) {
    // The placed depth map's file may have expired from storage; then it is made again.
    if (reuse && error instanceof BackendError && error.code === "disparity_not_found") return ask();
    throw error;
  }
}

/** Immersity's animation of a layered frame, with its layer depth map as the disparity: one call. */
async function layeredAnimation(
  ctx: ItemContext,
  work: { disparity: Required<DisparityOptions> },
  layers: LayeredSource,
  options: AnimationOptions,
) {
  const { job, deps, signal, exported } = ctx;
  if (exported.width !== layers.planes.width || exported.height !== layers.planes.height) {
    throw new FigmaError("export", "The frame changed size since its layers were shown: show its layers again.");
  }
  ctx.layerDepth ??= layeredDisparity(layers, {
    client: deps.client,
    place: (bytes) => inFigma("place", deps.bridge.request("placeLayerDepth", { nodeId: job.nodeId, bytes })),
    disparity: work.disparity,
    fresh: job.fresh,
    signal,
  });
  const disparityImageId = await ctx.layerDepth;
  return deps.client.animation({ imageId: ctx.imageId, disparityImageId, options, fresh: job.fresh }, signal);
}

/** Downloads the result and places it, recording the options it was made with. */
async function placeResult(
  ctx: ItemContext,
  result: ResultResponse,
  options: AnimationOptions | null,
): Promise<PlaceAnswer> {
  const { job, deps, signal } = ctx;
  const contentType = placeTypeOf(result.contentType);
  deps.report({ status: "downloading", progress: 0 });
  const downloaded = await deps.client.download(
    result.url,
    (progress) => deps.report({ status: "downloading", progress }),
    signal,
  );
  // Only stills are scaled here; a GIF is asked for at a size Figma takes, and videos have no pixel limit.
  const still = contentType === "image/png" || contentType === "image/jpeg";
  const bytes = still ? await fitForFigma(downloaded, contentType) : downloaded;
  signal.throwIfAborted();
  deps.report({ status: "placing" });
  const work = job.work;
  const recorded =
    work.kind === "depth" ? work.options : { disparity: work.disparity, animation: options ?? work.options };
  const request = {
    nodeId: job.nodeId,
    kind: work.kind,
    bytes,
    contentType,
    resultId: result.resultId,
    options: recorded,
    url: result.url,
  };
  return inFigma("place", deps.bridge.request("place", request));
}

function placeTypeOf(contentType: string): PlaceContentType {
  if (
    contentType === "image/png" ||
    contentType === "image/jpeg" ||
    contentType === "image/gif" ||
    contentType === "video/mp4"
  )
    return contentType;
  throw new BackendError(
    "bad_answer",
    `The backend answered a result of type ${contentType}, which Figma cannot place.`,
  );
}

export async function runItem(job: ItemJob, deps: ItemDeps, signal: AbortSignal): Promise<ItemOutcome> {
  const { bridge, client, report } = deps;
  report({ status: "exporting" });
  const exported = await inFigma(
    "export",
    bridge.request("export", { nodeId: job.nodeId, targetSize: job.targetSize }),
  );
  signal.throwIfAborted();

  report({ status: "uploading", progress: 0 });
  const onProgress = (progress: number) => report({ status: "uploading", progress });
  const imageId = await uploadBytes(client, exported.bytes, exported.contentType, onProgress, signal);

  const ctx: ItemContext = { job, deps, signal, imageId, exported };
  let refused: string | null = null;
  for (const options of formatsToTry(job.work, exported)) {
    const result = await makeResult(ctx, options);
    const placed = await placeResult(ctx, result, options);
    if ("resultNodeId" in placed) {
      const note = refused ? refusedNote(refused) : undefined;
      return {
        resultNodeId: placed.resultNodeId,
        cached: result.cached,
        ...(note ? { note } : {}),
      };
    }
    refused = placed.videoRefused;
  }
  throw new FigmaError("place", refused ?? "Figma refused the result");
}
