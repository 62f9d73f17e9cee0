// The shape every paid Immersity call takes: answer from the stored result when there is one;
// otherwise check the inputs, sign where Immersity writes, call once (identical calls in flight
// share it), and keep the result only when it is valid. A call is never repeated to recover: a
// result written before the connection dropped is found and used. Across instances on one storage,
// a lease on the result (result-lease.ts) lets one call at a time through.
import type { ResultResponse } from "../../shared/api.js";
import type { CallResult } from "../../shared/immersity.js";
import { ApiError } from "../problem.js";
import type { ObjectSample } from "../storage/object-sample.js";
import { resultKey, type SignedUrl, type Storage } from "../storage/storage.js";
import { claimLease, leaseKey, realClock, type LeaseClock } from "./result-lease.js";
import type { SingleFlight } from "./single-flight.js";

export interface ResultDeps {
  storage: Storage;
  /** How long Immersity may use the URLs it is handed: the call's whole timeout. */
  upstreamUrlTtlS: number;
  resultUrlTtlS: number;
  singleFlight: SingleFlight<ResultResponse>;
  /** How long a result's lease lasts: the call's whole timeout and the check of what it wrote (config.ts). */
  leaseTtlMs: number;
  /** For the waits on another instance's lease. */
  clock?: LeaseClock;
  /** True once this backend is stopping (its calls are then cut off). */
  stopping?: () => boolean;
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
    /** The content type of the result in place when it is valid; null when there is none or it is not. */
    const validStored = async () => {
      const sample = await deps.storage.sample(key);
      return sample && prepared.accept(sample);
    };
    let found: string | null = null;
    for (;;) {
      const lease = await claimLease(deps.storage, leaseKey(key), {
        ttlMs: deps.leaseTtlMs,
        clock: deps.clock ?? realClock,
        // Another instance's call wrote the result: used once it is valid, also when that instance died before checking
        // it.
        ...(existedBefore
          ? {}
          : { poll: async () => (await deps.storage.head(key)) !== null && !!(found = await validStored()) }),
      });
      if (lease === "answered") return answer(found!, true);
      if (lease === "released") {
        // Its holder is done: the result is in place, or its call failed and this one makes it.
        const stored = existedBefore ? null : await deps.storage.head(key);
        if (stored) return answer(stored.contentType, true);
        continue;
      }
      let keep = false;
      try {
        // Made by a holder that finished since, or left by one that died before checking it.
        if (!existedBefore && (await deps.storage.head(key))) {
          const left = await validStored();
          if (left) return await answer(left, true);
          await deps.storage.delete(key);
        }
        return await callOnce(deps, key, prepared, existedBefore, answer);
      } catch (error) {
        // Cut off by this backend's stop, the call still runs at Immersity: the lease stays, as a dead
        // holder's would, and the instance that takes the retry waits for what the call writes.
        keep = deps.stopping?.() ?? false;
        throw error;
      } finally {
        if (!keep) await lease.release();
      }
    }
  });
}

/** The paid call itself, under the result's lease. */
async function callOnce(
  deps: ResultDeps,
  key: string,
  prepared: PreparedCall,
  existedBefore: boolean,
  answer: (contentType: string, cached: boolean) => Promise<ResultResponse>,
): Promise<ResultResponse> {
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
}
