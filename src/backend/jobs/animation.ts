// A 3D animation of an uploaded image: its disparity map first (given, stored, or made and paid
// for), then Immersity's animation of the two, as a paid, content-addressed result.
import type { AnimationRequest, ResultResponse } from "../../shared/api.js";
import type { ImageInfo } from "../image/inspect.js";
import { ApiError } from "../problem.js";
import type { ObjectSample } from "../storage/object-sample.js";
import { resultKey, uploadKey } from "../storage/storage.js";
import { disparityResultId, runDisparity, type JobDeps } from "./disparity.js";
import { runPaidJob } from "./paid-result.js";
import { canonicalAnimationOptions, resultIdFor } from "./result-id.js";
import { verifyUpload } from "./verify-upload.js";

/** Figma takes videos up to 100 MB; a larger file would be of no use. */
const MAX_ANIMATION_BYTES = 100 * 1000 * 1000;

const startsWithText = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

/** The content type a written animation really has, when it is the one asked for. */
export function animationType(written: Pick<ObjectSample, "head" | "size">, asked: "mp4" | "gif"): string | null {
  if (written.size < 16) return null;
  if (asked === "mp4" && startsWithText(written.head, 4, "ftyp")) return "video/mp4";
  if (asked === "gif" && (startsWithText(written.head, 0, "GIF87a") || startsWithText(written.head, 0, "GIF89a")))
    return "image/gif";
  return null;
}

async function disparityFor(
  deps: JobDeps,
  request: AnimationRequest,
  image: ImageInfo,
  correlationId: string,
): Promise<string> {
  if (request.disparityImageId) {
    await verifySuppliedDisparity(deps, request.disparityImageId, image);
    return uploadKey(request.disparityImageId);
  }
  if (!request.disparityResultId) {
    const made = await runDisparity(
      deps,
      { imageId: request.imageId, options: request.disparity, fresh: false },
      correlationId,
    );
    return resultKey(made.resultId);
  }
  if (!(await deps.storage.head(resultKey(request.disparityResultId)))) {
    throw new ApiError(
      "disparity_not_found",
      "No disparity map with this id is stored; leave disparityResultId out to have one made.",
    );
  }
  return resultKey(request.disparityResultId);
}

/** A supplied map must be what Immersity takes as one: a grayscale PNG of the image's size. */
async function verifySuppliedDisparity(deps: JobDeps, imageId: string, image: ImageInfo): Promise<void> {
  const map = await verifyUpload(deps.storage, imageId, deps.limits);
  const sample = await deps.storage.sample(uploadKey(imageId));
  const colourType = sample?.head[25];
  if (map.contentType !== "image/png" || (colourType !== 0 && colourType !== 4)) {
    throw new ApiError("image_invalid", "The supplied disparity map must be a grayscale PNG.");
  }
  if (map.width !== image.width || map.height !== image.height) {
    throw new ApiError(
      "image_invalid",
      `The supplied disparity map is ${map.width}×${map.height} px; it must be the image's size, ` +
        `${image.width}×${image.height} px.`,
    );
  }
}

export async function runAnimation(
  deps: JobDeps,
  request: AnimationRequest,
  correlationId: string,
): Promise<ResultResponse> {
  const options = canonicalAnimationOptions(request.options);
  const format = options.animationType ?? "mp4";
  if (request.disparityImageId && request.disparityResultId) {
    throw new ApiError("invalid_request", "Give disparityResultId or disparityImageId, not both.");
  }
  // The default disparity's id is known without any call, so a stored animation costs nothing at all.
  const disparityId = request.disparityImageId
    ? `upload:${request.disparityImageId}`
    : (request.disparityResultId ?? disparityResultId({ imageId: request.imageId, options: request.disparity }));
  return runPaidJob(
    deps,
    {
      resultId: resultIdFor("animation", request.imageId, { disparity: disparityId, options }),
      fresh: request.fresh,
      async prepare() {
        const image = await verifyUpload(deps.storage, request.imageId, deps.limits);
        const disparityKey = await disparityFor(deps, request, image, correlationId);
        const [imageUrl, disparityUrl] = await Promise.all([
          deps.storage.signGet(uploadKey(request.imageId), deps.upstreamUrlTtlS),
          deps.storage.signGet(disparityKey, deps.upstreamUrlTtlS),
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
