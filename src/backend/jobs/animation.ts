// A 3D animation of an uploaded image: its disparity map first (given, stored, or made and paid
// for), then Immersity's animation of the two, as a paid, content-addressed result.
import type { AnimationRequest, ResultResponse } from "../../shared/api.js";
import { ApiError } from "../problem.js";
import type { ObjectSample } from "../storage/object-sample.js";
import { resultKey, uploadKey } from "../storage/storage.js";
import { disparityResultId, runDisparity, type JobDeps } from "./disparity.js";
import { runPaidJob } from "./paid-result.js";
import { canonicalAnimationOptions, resultIdFor } from "./result-id.js";
import { verifyUpload } from "./verify-upload.js";

/** Figma takes videos up to 100 MB; a larger file would be of no use. */
const MAX_ANIMATION_BYTES = 100 * 1000 * 1000;

const startsWithText = (bytes: Uint8Array, at: number, text: string) => [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

/** The content type a written animation really has, when it is the one asked for. */
export function animationType(written: Pick<ObjectSample, "head" | "size">, asked: "mp4" | "gif"): string | null {
  if (written.size < 16) return null;
  if (asked === "mp4" && startsWithText(written.head, 4, "ftyp")) return "video/mp4";
  if (asked === "gif" && (startsWithText(written.head, 0, "GIF87a") || startsWithText(written.head, 0, "GIF89a"))) return "image/gif";
  return null;
}

async function disparityFor(deps: JobDeps, request: AnimationRequest, correlationId: string): Promise<string> {
  if (!request.disparityResultId) {
    const made = await runDisparity(deps, { imageId: request.imageId, options: request.disparity, fresh: false }, correlationId);
    return made.resultId;
  }
  if (!(await deps.storage.head(resultKey(request.disparityResultId)))) {
    throw new ApiError("disparity_not_found", "No disparity map with this id is stored; leave disparityResultId out to have one made.");
  }
  return request.disparityResultId;
}

export async function runAnimation(deps: JobDeps, request: AnimationRequest, correlationId: string): Promise<ResultResponse> {
  const options = canonicalAnimationOptions(request.options);
  const format = options.animationType ?? "mp4";
  // The default disparity's id is known without any call, so a stored animation costs nothing at all.
  const disparityId = request.disparityResultId ?? disparityResultId({ imageId: request.imageId, options: request.disparity });
  return runPaidJob(
    deps,
    {
      resultId: resultIdFor("animation", request.imageId, { disparity: disparityId, options }),
      fresh: request.fresh,
      async prepare() {
        await verifyUpload(deps.storage, request.imageId, deps.limits);
        const disparity = await disparityFor(deps, request, correlationId);
        const [imageUrl, disparityUrl] = await Promise.all([
          deps.storage.signGet(uploadKey(request.imageId), deps.upstreamUrlTtlS),
          deps.storage.signGet(resultKey(disparity), deps.upstreamUrlTtlS),
        ]);
        return {
          putContentType: format === "gif" ? "image/gif" : "video/mp4",
          maxResultBytes: MAX_ANIMATION_BYTES,
          call: (put) =>
            deps.immersity.animation({
              ...options,
              inputImageUrl: imageUrl.url,
              inputDisparityUrl: disparityUrl.url,
              resultPresignedUrl: put.url,
              correlationId,
            }),
          accept: (written) => animationType(written, format),
          expected: `valid ${format.toUpperCase()} file`,
        };
      },
    },
    correlationId,
  );
}
