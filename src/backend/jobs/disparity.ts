// A disparity map of an uploaded image, as a paid, content-addressed result.
import type { DisparityRequest, ResultResponse } from "../../shared/api.js";
import type { ImmersityClient } from "../immersity/client.js";
import { inspectImage, type ImageInfo } from "../image/inspect.js";
import type { ObjectSample } from "../storage/object-sample.js";
import { uploadKey } from "../storage/storage.js";
import { runPaidJob, type ResultDeps } from "./paid-result.js";
import { canonicalDisparityOptions, resultIdFor } from "./result-id.js";
import { verifyUpload, type UploadLimits } from "./verify-upload.js";

export interface JobDeps extends ResultDeps {
  immersity: ImmersityClient;
  limits: UploadLimits;
}

const RESULT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

export function disparityResultId(request: Pick<DisparityRequest, "imageId" | "options">): string {
  return resultIdFor("disparity", request.imageId, canonicalDisparityOptions(request.options));
}

export async function runDisparity(
  deps: JobDeps,
  request: DisparityRequest,
  correlationId: string,
): Promise<ResultResponse> {
  const options = canonicalDisparityOptions(request.options);
  return runPaidJob(
    deps,
    {
      resultId: disparityResultId(request),
      fresh: request.fresh,
      async prepare() {
        const input = await verifyUpload(deps.storage, request.imageId, deps.limits);
        const inputUrl = await deps.storage.signGet(uploadKey(request.imageId), deps.upstreamUrlTtlS);
        return {
          putContentType: "image/*",
          // Generous room for a 16-bit PNG that compresses badly.
          maxResultBytes: Math.max(1 << 20, input.width * input.height * 4),
          call: (put) =>
            deps.immersity.disparity({
              ...options,
              inputImageUrl: inputUrl.url,
              resultPresignedUrl: put.url,
              correlationId,
            }),
          accept: (written) => resultImage(written, input)?.contentType ?? null,
          expected: "valid image of the input's size",
        };
      },
    },
    correlationId,
  );
}

/** What was written, when it is a complete image of the input's dimensions; else null. */
function resultImage(written: ObjectSample, input: ImageInfo): ImageInfo | null {
  for (const type of RESULT_TYPES) {
    try {
      const info = inspectImage(written, type, {
        maxSide: Number.MAX_SAFE_INTEGER,
        maxPixels: Number.MAX_SAFE_INTEGER,
      });
      return info.width === input.width && info.height === input.height ? info : null;
    } catch {
      // Not this type; try the next.
    }
  }
  return null;
}
