// One layer's 3D animation rendered on this computer, for no credits: the layer and its placed depth
// map read from the canvas (the `scene` request), rendered and encoded by src/render, and placed
// through the same path as Immersity's result. A layer without a depth map gets one made first
// (paid, stored as any depth map is), placed, and read back like any other. A frame shown as its
// layers is rendered as its planes instead, with no depth map at all (relief only where asked).
import type { DepthScene, LayeredScene } from "../render/index.js";
import type { AnimationOptions } from "../shared/api.js";
import type { SceneAnswer } from "../shared/messages.js";
import { animationProblems, firstProblem } from "./option-problems.js";
import { decodeScene, SENTENCES } from "./preview/load-scene.js";
import { loadRender } from "./on-demand.js";
import { FigmaError, formatsToTry, inFigma, placedAlready, refusedNote, runItem, sizedForFigma } from "./run-item.js";
import type { ItemDeps, ItemJob, ItemOutcome, ItemWork } from "./run-item.js";
import { sha256Hex } from "./sha256.js";
import { fetchReliefs, layeredScene } from "./planes/layered-work.js";

type AnimationWork = Extract<ItemWork, { kind: "animation" }>;

/** A failure of the local render, already said as the one sentence the row shows. */
export class LocalRenderError extends Error {}

export const LOCAL_SENTENCES = {
  image: "This layer's image could not be decoded for a local render: flatten the layer and retry.",
  depth: "The depth map placed for this layer could not be decoded: make it again in the Depth tab, then retry.",
  noDepth: "No depth map could be read for this layer: make one in the Depth tab, then retry.",
  render: (detail: string) =>
    `This computer could not render the animation (${detail.replace(/\.$/, "")}): choose Immersity, or retry.`,
} as const;

const BY_PREVIEW_SENTENCE: Record<string, string> = {
  [SENTENCES.image]: LOCAL_SENTENCES.image,
  [SENTENCES.depth]: LOCAL_SENTENCES.depth,
};

const NOT_H264 = {
  "video/webm": "Made as WebM: this computer has no H.264 encoder here",
  "image/gif": "Made as a GIF: this computer has no video encoder here",
} as const;

async function readScene(job: ItemJob, deps: ItemDeps): Promise<SceneAnswer> {
  return inFigma("export", deps.bridge.request("scene", { nodeId: job.nodeId, targetSize: job.targetSize }));
}

/** The scene with a depth map: the placed one, or one made now through the backend and placed. */
async function sceneWithDepth(job: ItemJob, work: AnimationWork, deps: ItemDeps, signal: AbortSignal) {
  const answer = await readScene(job, deps);
  if (answer.depth) return { answer, madeDepth: false };
  await runItem({ ...job, work: { kind: "depth", options: work.disparity } }, deps, signal);
  signal.throwIfAborted();
  const again = await readScene(job, deps);
  if (!again.depth) throw new LocalRenderError(LOCAL_SENTENCES.noDepth);
  return { answer: again, madeDepth: true };
}

async function render(
  scene: DepthScene | LayeredScene,
  options: AnimationOptions,
  deps: ItemDeps,
  signal: AbortSignal,
) {
  try {
    const { renderAnimation } = await loadRender();
    return await renderAnimation(
      scene,
      options,
      (frame, frames) => deps.report({ status: "rendering", frame, frames }),
      signal,
    );
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new LocalRenderError(LOCAL_SENTENCES.render(error instanceof Error ? error.message : String(error)));
  }
}

/** What the render draws: a layered frame's planes, or the layer with its (placed or made) depth map. */
async function localScene(job: ItemJob, work: AnimationWork, deps: ItemDeps, signal: AbortSignal) {
  if (work.layers) {
    const request = { client: deps.client, options: work.disparity, fresh: job.fresh, signal };
    const scene = layeredScene(work.layers, await fetchReliefs(work.layers, request));
    return { scene, size: scene, madeDepth: false, release: () => undefined };
  }
  const { answer, madeDepth } = await sceneWithDepth(job, work, deps, signal);
  const loaded = await decodeScene(answer);
  if (loaded.status === "problem") throw new LocalRenderError(BY_PREVIEW_SENTENCE[loaded.sentence] ?? loaded.sentence);
  if (loaded.status !== "ready") throw new LocalRenderError(LOCAL_SENTENCES.noDepth);
  const image = loaded.scene.image as ImageBitmap;
  return { scene: loaded.scene, size: answer.image, madeDepth, release: () => image.close() };
}

export async function runLocalItem(job: ItemJob, deps: ItemDeps, signal: AbortSignal): Promise<ItemOutcome> {
  const work = job.work;
  if (work.kind !== "animation") throw new Error("A local render makes animations only.");
  // The same sentences as the fields show, so a recorded option out of range says so here too.
  const problem = firstProblem(animationProblems(work.options));
  if (problem) throw new LocalRenderError(problem);

  deps.report({ status: "exporting" });
  const { scene, size, madeDepth, release } = await localScene(job, work, deps, signal);
  try {
    let refused: string | null = null;
    const formats = formatsToTry(work, size).filter((o): o is AnimationOptions => o !== null);
    for (const tried of formats) {
      const options = sizedForFigma(tried, size);
      signal.throwIfAborted();
      const rendered = await render(scene, options, deps, signal);
      signal.throwIfAborted();
      const resultId = await sha256Hex(rendered.bytes);
      const current = await placedAlready(deps.bridge, job.nodeId, "animation", resultId);
      if (current) return { resultNodeId: current, cached: false, upToDate: true };
      deps.report({ status: "placing" });
      const placed = await inFigma(
        "place",
        deps.bridge.request("place", {
          nodeId: job.nodeId,
          kind: "animation",
          bytes: rendered.bytes,
          contentType: rendered.contentType,
          resultId,
          // As asked (a GIF fallback records its GIF options), as Immersity's results record theirs.
          options: { disparity: work.disparity, animation: tried },
          engine: "local",
        }),
      );
      if ("resultNodeId" in placed) {
        const asked = tried.animationType ?? "mp4";
        const notes = [
          madeDepth ? "Its depth map was made first" : null,
          refused ? refusedNote(refused) : null,
          asked === "mp4" && rendered.contentType !== "video/mp4" ? NOT_H264[rendered.contentType] : null,
        ].filter((n): n is string => n !== null);
        return {
          resultNodeId: placed.resultNodeId,
          cached: false,
          ...(notes.length ? { note: notes.join(". ") } : {}),
        };
      }
      refused = placed.videoRefused;
    }
    throw new FigmaError("place", refused ?? "Figma refused the result");
  } finally {
    release();
  }
}
