// One disparity request: answer from the stored result when there is one, otherwise verify the
// upload, let Immersity read it and write the result through presigned URLs, and check the result.
import type { DisparityRequest, ResultResponse } from "../../shared/api.js";
import type { ImmersityClient } from "../immersity/client.js";
import { inspectImage, type ImageInfo } from "../image/inspect.js";
import { ApiError } from "../problem.js";
import type { ObjectSample } from "../storage/object-sample.js";
import { resultKey, uploadKey, type Storage } from "../storage/storage.js";
import { canonicalDisparityOptions, resultIdFor } from "./result-id.js";
import type { SingleFlight } from "./single-flight.js";
import { verifyUpload, type UploadLimits } from "./verify-upload.js";

export interface DisparityDeps {
  storage: Storage;
  immersity: ImmersityClient;
  limits: UploadLimits;
  /** How long Immersity may use the URLs it is handed: the call's whole timeout. */
  upstreamUrlTtlS: number;
  resultUrlTtlS: number;
  singleFlight: SingleFlight<ResultResponse>;
}

const RESULT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

export async function runDisparity(deps: DisparityDeps, request: DisparityRequest, correlationId: string): Promise<ResultResponse> {
  const options = canonicalDisparityOptions(request.options);
  const resultId = await resultIdFor("disparity", request.imageId, options);
  const key = resultKey(resultId);

  const answer = async (contentType: string, cached: boolean): Promise<ResultResponse> => ({
    resultId,
    url: (await deps.storage.signGet(key, deps.resultUrlTtlS)).url,
    contentType,
    cached,
    correlationId,
  });

  if (!request.fresh) {
    const stored = await deps.storage.head(key);
    if (stored) return answer(stored.contentType, true);
  }

  return deps.singleFlight(`disparity:${resultId}:${request.fresh}`, async () => {
    const input = await verifyUpload(deps.storage, request.imageId, deps.limits);
    const existedBefore = (await deps.storage.head(key)) !== null;
    const [inputUrl, resultUrl] = await Promise.all([
      deps.storage.signGet(uploadKey(request.imageId), deps.upstreamUrlTtlS),
      deps.storage.signPut({ key, contentType: "image/*", maxSize: maxResultBytes(input), expiresInS: deps.upstreamUrlTtlS }),
    ]);
    let written: ObjectSample | null;
    try {
      const call = await deps.immersity.disparity({ ...options, inputImageUrl: inputUrl.url, resultPresignedUrl: resultUrl.url, correlationId });
      written = await deps.storage.confirmWrite(key, resultUrl, call.resultPresignedUrl);
    } catch (error) {
      // The connection may drop after Immersity wrote the result: a valid new result is kept, never paid for again.
      const lostAnswer = error instanceof ApiError && (error.code === "upstream_unavailable" || error.code === "upstream_timeout");
      written = lostAnswer && !existedBefore ? await deps.storage.sample(key) : null;
      if (!written || !resultImage(written, input)) throw error;
    }
    const result = written && resultImage(written, input);
    if (!result) {
      // Whatever was written is not a usable result; leaving it would be served as a cached answer.
      await deps.storage.delete(key);
      throw new ApiError("upstream_incomplete", "Immersity answered, but no valid result of the input's size was stored.");
    }
    return answer(result.contentType, false);
  });
}

/** Generous room for a 16-bit PNG that compresses badly. */
const maxResultBytes = (input: ImageInfo) => Math.max(1 << 20, input.width * input.height * 4);

/** What was written, when it is a complete image of the input's dimensions; else null. */
function resultImage(written: ObjectSample, input: ImageInfo): ImageInfo | null {
  for (const type of RESULT_TYPES) {
    try {
      const info = inspectImage(written, type, { maxSide: Number.MAX_SAFE_INTEGER, maxPixels: Number.MAX_SAFE_INTEGER });
      return info.width === input.width && info.height === input.height ? info : null;
    } catch {
      // Not this type; try the next.
    }
  }
  return null;
}
