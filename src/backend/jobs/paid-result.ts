// The shape every paid Immersity call takes: answer from the stored result when there is one;
// otherwise check the inputs, sign where Immersity writes, call once (identical calls in flight
// share it), and keep the result only when it is valid. A call is never repeated to recover: a
// result written before the connection dropped is found and used.
import type { ResultResponse } from "../../shared/api.js";
import type { CallResult } from "../../shared/immersity.js";
import { ApiError } from "../problem.js";
import type { ObjectSample } from "../storage/object-sample.js";
import { resultKey, type SignedUrl, type Storage } from "../storage/storage.js";
import type { SingleFlight } from "./single-flight.js";

export interface ResultDeps {
  storage: Storage;
  /** How long Immersity may use the URLs it is handed: the call's whole timeout. */
  upstreamUrlTtlS: number;
  resultUrlTtlS: number;
  singleFlight: SingleFlight<ResultResponse>;
}

/** What a job needs once its inputs are checked. */
export interface PreparedCall {
  /** Exact, or a family such as "image/*" when Immersity picks the format. */
  putContentType: string;
  maxResultBytes: number;
  call(resultPut: SignedUrl): Promise<CallResult>;
  /** The content type of a valid written result, or null. */
  accept(written: ObjectSample): string | null;
  /** What a result that is not accepted lacks, for upstream_incomplete. */
  expected: string;
}

export interface PaidJob {
  resultId: string;
  fresh: boolean;
  /** Checks the inputs; runs before anything is spent, and only when the result is not stored. */
  prepare(): Promise<PreparedCall>;
}

export async function runPaidJob(deps: ResultDeps, job: PaidJob, correlationId: string): Promise<ResultResponse> {
  const key = resultKey(job.resultId);
  const answer = async (contentType: string, cached: boolean): Promise<ResultResponse> => ({
    resultId: job.resultId,
    url: (await deps.storage.signGet(key, deps.resultUrlTtlS)).url,
    contentType,
    cached,
    correlationId,
  });

  if (!job.fresh) {
    const stored = await deps.storage.head(key);
    if (stored) return answer(stored.contentType, true);
  }

  return deps.singleFlight(`${job.resultId}:${job.fresh}`, async () => {
    const prepared = await job.prepare();
    // Only a fresh job can find an older result in place; any other found there is a valid answer.
    const existedBefore = job.fresh && (await deps.storage.head(key)) !== null;
    const put = await deps.storage.signPut({
      key,
      contentType: prepared.putContentType,
      maxSize: prepared.maxResultBytes,
      expiresInS: deps.upstreamUrlTtlS,
    });
    let written: ObjectSample | null;
    try {
      const call = await prepared.call(put);
      written = await deps.storage.confirmWrite(key, put, call.resultPresignedUrl);
    } catch (error) {
      // The connection may drop after Immersity wrote the result: a valid new result is kept, never paid for again.
      const lostAnswer =
        error instanceof ApiError && (error.code === "upstream_unavailable" || error.code === "upstream_timeout");
      written = lostAnswer && !existedBefore ? await deps.storage.sample(key) : null;
      if (!written || !prepared.accept(written)) throw error;
    }
    const contentType = written && prepared.accept(written);
    if (!contentType) {
      // Whatever was written is not a usable result; leaving it would be served as a cached answer.
      await deps.storage.delete(key);
      throw new ApiError("upstream_incomplete", `Immersity answered, but no ${prepared.expected} was stored.`);
    }
    return answer(contentType, false);
  });
}
