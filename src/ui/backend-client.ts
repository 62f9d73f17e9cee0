// Every network call of the plugin, to the user's backend and its storage only. Answers are checked
// with the shared schemas; failures become BackendError with the backend's stable code.
import {
  HealthResponse,
  ResultResponse,
  UploadResponse,
  type AnimationRequest,
  type DisparityRequest,
  type PresignedUpload,
} from "../shared/api.js";
import { Problem, type ErrorCode } from "../shared/errors.js";
import { Prices } from "../shared/immersity.js";
import type { z } from "zod/mini";

/** The backend's codes, and what can go wrong before an answer: nothing answers (network), something
 *  answers that the plugin may not read (unreadable_answer), or answers in another shape (bad_answer). */
export type FailureCode = ErrorCode | "network" | "unreadable_answer" | "bad_answer" | "storage_refused";

export class BackendError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly retryAfterS?: number,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

export type Progress = (fraction: number) => void;

export interface BackendClient {
  readonly baseUrl: string;
  health(signal?: AbortSignal): Promise<HealthResponse>;
  prices(signal?: AbortSignal): Promise<Prices>;
  createUpload(
    body: { sha256: string; contentType: string; size: number },
    signal?: AbortSignal,
  ): Promise<UploadResponse>;
  putBytes(upload: PresignedUpload, bytes: Uint8Array, onProgress: Progress, signal?: AbortSignal): Promise<void>;
  disparity(body: DisparityRequest, signal?: AbortSignal): Promise<ResultResponse>;
  animation(
    body: Partial<AnimationRequest> & Pick<AnimationRequest, "imageId">,
    signal?: AbortSignal,
  ): Promise<ResultResponse>;
  download(url: string, onProgress: Progress, signal?: AbortSignal): Promise<Uint8Array>;
}

const isAbort = (error: unknown) =>
  error instanceof DOMException && (error.name === "AbortError" || error.name === "TimeoutError");

/** A fetch that failed: in the plugin's null-origin iframe an answer without CORS headers fails the
 *  same way as a dead host. A no-cors request gets an opaque answer from anything that answers at
 *  all, so it tells the two apart without reading anything. */
async function whyUnanswered(url: string, base: string, signal: AbortSignal | null | undefined): Promise<BackendError> {
  try {
    await fetch(url, { mode: "no-cors", ...(signal ? { signal } : {}) });
  } catch (error) {
    if (isAbort(error)) throw error;
    return new BackendError("network", `The backend at ${base} cannot be reached.`);
  }
  return new BackendError("unreadable_answer", `The server at ${base} answers without letting the plugin read it.`);
}

export function createBackendClient(baseUrl: string, apiKey: string): BackendClient {
  const base = baseUrl.replace(/\/+$/, "");

  async function call<T extends z.ZodMiniType>(
    path: string,
    schema: T,
    init: RequestInit & { json?: unknown } = {},
  ): Promise<z.infer<T>> {
    const { json, ...rest } = init;
    const headers: Record<string, string> = {};
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    if (json !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(base + path, {
        ...rest,
        headers,
        ...(json !== undefined ? { method: "POST", body: JSON.stringify(json) } : {}),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw await whyUnanswered(base + path, base, rest.signal);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const problem = Problem.safeParse(body);
      if (!problem.success)
        throw new BackendError(
          "bad_answer",
          `The backend at ${base} answered ${response.status} without a problem description.`,
        );
      const retry = Number(response.headers.get("retry-after"));
      throw new BackendError(
        problem.data.code,
        problem.data.detail,
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
        problem.data.correlationId,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new BackendError("bad_answer", `The backend at ${base} answered ${path} in an unknown shape.`);
    return parsed.data;
  }

  return {
    baseUrl: base,
    health: (signal) => call("/v1/health", HealthResponse, { signal }),
    prices: (signal) => call("/v1/prices", Prices, { signal }),
    createUpload: (body, signal) => call("/v1/uploads", UploadResponse, { json: body, signal }),
    disparity: (body, signal) => call("/v1/disparity", ResultResponse, { json: body, signal }),
    animation: (body, signal) => call("/v1/animation", ResultResponse, { json: body, signal }),

    // XMLHttpRequest, because fetch reports no upload progress.
    putBytes(upload, bytes, onProgress, signal) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open(upload.method, upload.url);
        for (const [name, value] of Object.entries(upload.headers)) xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
        xhr.onload = () =>
          xhr.status >= 200 && xhr.status < 300
            ? resolve()
            : reject(new BackendError("storage_refused", `Storage refused the upload (${xhr.status}).`));
        xhr.onerror = () => reject(new BackendError("network", "Storage cannot be reached for the upload."));
        const abort = () => xhr.abort();
        xhr.onabort = () => reject(signal?.reason ?? new DOMException("Aborted", "AbortError"));
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener("abort", abort, { once: true });
        xhr.onloadend = () => signal?.removeEventListener("abort", abort);
        xhr.send(bytes as Uint8Array<ArrayBuffer>);
      });
    },

    async download(url, onProgress, signal) {
      let response: Response;
      try {
        response = await fetch(url, { signal });
      } catch (error) {
        if (isAbort(error)) throw error;
        throw new BackendError("network", "The result cannot be downloaded from storage.");
      }
      if (!response.ok || !response.body)
        throw new BackendError("storage_refused", `Storage refused the download (${response.status}).`);
      const total = Number(response.headers.get("content-length")) || 0;
      const chunks: Uint8Array[] = [];
      let received = 0;
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        chunks.push(chunk.value);
        received += chunk.value.length;
        if (total) onProgress(Math.min(1, received / total));
      }
      const bytes = new Uint8Array(received);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      return bytes;
    },
  };
}
