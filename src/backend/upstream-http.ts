// Every call the backend makes (Immersity's token endpoint and API, Immersity's storage) goes
// through this seam, on a web-standard fetch: Node's, with an undici Agent (upstream-agent.ts), or a
// Worker's own. Nothing here is Node-only.

export interface UpstreamRequest {
  method?: string;
  headers?: Record<string, string>;
  /** A stream is sent as it comes; an error it throws is what the call rejects with. */
  body?: string | Uint8Array | AsyncIterable<Uint8Array>;
  /** The whole exchange, the answer's body included; past it the call rejects with a TimeoutError. */
  timeoutMs: number;
}

export interface UpstreamResponse {
  status: number;
  ok: boolean;
  header(name: string): string | null;
  /** The answer's bytes; read them, or call discard(): the connection is reused once the answer has ended. */
  body: AsyncIterable<Uint8Array>;
  /** The body parsed as JSON, or null when it is not JSON. */
  json(): Promise<unknown>;
  /** Reads the answer's bytes away; settles (never fails) once they are gone and the connection is free. */
  discard(): Promise<void>;
}

export type UpstreamHttp = (url: string, request: UpstreamRequest) => Promise<UpstreamResponse>;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchUpstreamOptions {
  /** globalThis.fetch unless given. */
  fetch?: FetchLike;
  /** The signal that ends a call past timeoutMs; tests give one they abort themselves. */
  deadline?: (timeoutMs: number) => AbortSignal;
}

/** As fetch does for a GET: storage may answer a presigned URL with a redirect. */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Cause = (error: unknown) => unknown;

/** An async iterable as a request body; its own error is kept, as fetch reports only that the body failed. */
function streamOf(body: AsyncIterable<Uint8Array>, failed: (error: unknown) => void): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        failed(error);
        controller.error(error);
      }
    },
    async cancel(reason) {
      await chunks.return?.(reason);
    },
  });
}

/**
 * An answer's chunks, failing with the timeout rather than the abort it causes. fetch itself fails a
 * body that ends before its content-length or its last chunk, so a short answer is an error here too.
 */
async function* chunksOf(body: ReadableStream<Uint8Array> | null, cause: Cause): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let ended = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      yield next.value;
    }
    ended = true;
  } catch (error) {
    ended = true;
    throw cause(error);
  } finally {
    // A reader that stopped early lets go of the connection rather than hold it open.
    if (!ended) void reader.cancel().catch(() => undefined);
  }
}

async function drop(response: Response, cause: Cause): Promise<void> {
  try {
    for await (const chunk of chunksOf(response.body, cause)) void chunk;
  } catch {
    // The bytes were not wanted; a connection that broke is not reused anyway.
  }
}

function answerOf(response: Response, cause: Cause): UpstreamResponse {
  return {
    status: response.status,
    ok: response.ok,
    header: (name) => response.headers.get(name),
    body: chunksOf(response.body, cause),
    json: async () => {
      const decoder = new TextDecoder();
      let text = "";
      for await (const chunk of chunksOf(response.body, cause)) text += decoder.decode(chunk, { stream: true });
      try {
        return JSON.parse(text + decoder.decode()) as unknown;
      } catch {
        return null;
      }
    },
    discard: () => drop(response, cause),
  };
}

export function createFetchUpstream(options: FetchUpstreamOptions = {}): UpstreamHttp {
  const send = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const deadline = options.deadline ?? ((ms) => AbortSignal.timeout(ms));

  return async (url, request) => {
    const signal = deadline(request.timeoutMs);
    let bodyError: { error: unknown } | null = null;
    // An abort makes fetch report an AbortError; the caller wants the reason (the timeout). A network
    // failure comes as "fetch failed" with the reason as its cause.
    const cause: Cause = (error) =>
      bodyError ? bodyError.error : signal.aborted ? signal.reason : ((error as Error)?.cause ?? error);
    const headers = new Headers(request.headers);
    const method = request.method ?? "GET";
    const { body } = request;
    const sent =
      body === undefined || typeof body === "string" || body instanceof Uint8Array
        ? body
        : streamOf(body, (error) => (bodyError = { error }));

    let target = new URL(url);
    // Only a bodiless GET is followed: a body may be a stream, which cannot be sent twice.
    const follows = method === "GET" && body === undefined;
    for (let hops = 0; ; hops++) {
      let response: Response;
      try {
        response = await send(target.href, {
          method,
          headers,
          body: sent ?? null,
          signal,
          redirect: "manual",
          ...(sent instanceof ReadableStream ? { duplex: "half" } : {}),
        });
      } catch (error) {
        throw cause(error);
      }
      const location = response.headers.get("location");
      if (!follows || !REDIRECTS.has(response.status) || !location || hops === MAX_REDIRECTS)
        return answerOf(response, cause);
      await drop(response, cause);
      const next = new URL(location, target);
      // Credentials meant for one host are not handed to another.
      if (next.host !== target.host) headers.delete("authorization");
      target = next;
    }
  };
}
