// Every call the backend makes (Immersity's token endpoint and API, Immersity's storage) goes through
// node:http and node:https with keep-alive agents. Node's fetch (undici) took about twice the
// processor time and memory per call when 500 calls started at once (docs/benchmarks.md), and gives
// up waiting for headers after 300 s, where Immersity may be allowed longer.
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";

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
  /** Drops the answer's bytes; answers once they are gone (it never fails), when the connection can serve another call. */
  discard(): Promise<void>;
}

export type UpstreamHttp = (url: string, request: UpstreamRequest) => Promise<UpstreamResponse>;

export interface UpstreamClient {
  request: UpstreamHttp;
  /** Closes every kept-alive connection and any call still open. */
  close(): void;
}

/** As fetch does for a GET: storage may answer a presigned URL with a redirect. */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/**
 * A connection left idle this long is closed: servers close theirs after a while, and a call sent
 * on one just as the server closes it would fail. Calls in progress are not affected.
 */
const IDLE_CONNECTION_MS = 4_000;

type Cause = (error: unknown) => unknown;

/** An answer's chunks, failing with the timeout rather than the reset it causes, and never ending short in silence. */
async function* chunksOf(incoming: http.IncomingMessage, cause: Cause): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of incoming) yield chunk as Buffer;
  } catch (error) {
    throw cause(error);
  }
  if (!incoming.complete) throw cause(new Error("The answer ended before all of it arrived."));
}

/** Reads an answer's bytes away; settles once they are gone and its connection is free again. */
function drop(incoming: http.IncomingMessage): Promise<void> {
  incoming.resume();
  return finished(incoming).catch(() => undefined);
}

function answerOf(incoming: http.IncomingMessage, cause: Cause): UpstreamResponse {
  const status = incoming.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    header: (name) => {
      const value = incoming.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    body: chunksOf(incoming, cause),
    json: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of chunksOf(incoming, cause)) chunks.push(chunk);
      try {
        return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
      } catch {
        return null;
      }
    },
    discard: () => drop(incoming),
  };
}

export function createUpstreamClient(): UpstreamClient {
  let closed = false;
  const agents = {
    "http:": new http.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
    "https:": new https.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
  };

  /** One exchange, redirects not followed. */
  function exchange(
    target: URL,
    options: UpstreamRequest,
    headers: Record<string, string>,
    signal: AbortSignal,
    cause: Cause,
  ): Promise<http.IncomingMessage> {
    const transport = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
    if (!transport) return Promise.reject(new Error(`Not an http(s) URL: ${target.protocol}`));
    const { body } = options;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const fail = (error: unknown) => reject(cause(error));
      if (closed) return fail(new Error("The upstream client is closed."));
      const outgoing = transport.request(
        target,
        {
          method: options.method ?? "GET",
          headers,
          agent: agents[target.protocol as "http:"],
          signal,
        },
        resolve,
      );
      outgoing.on("error", fail);
      if (body === undefined || typeof body === "string" || body instanceof Uint8Array) outgoing.end(body);
      else pipeline(Readable.from(body), outgoing).catch(fail);
    });
  }

  async function request(url: string, options: UpstreamRequest): Promise<UpstreamResponse> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    // An abort makes Node report an AbortError or a reset; the caller wants the reason (the timeout).
    const cause: Cause = (error) => (signal.aborted ? signal.reason : error);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    const { body } = options;
    if (typeof body === "string" || body instanceof Uint8Array)
      headers["content-length"] = String(Buffer.byteLength(body));

    let target = new URL(url);
    // Only a bodiless GET is followed: a body may be a stream, which cannot be sent twice.
    const follows = (options.method ?? "GET") === "GET" && body === undefined;
    for (let hops = 0; ; hops++) {
      const incoming = await exchange(target, options, headers, signal, cause);
      const location = incoming.headers.location;
      if (!follows || !REDIRECTS.has(incoming.statusCode ?? 0) || !location || hops === MAX_REDIRECTS)
        return answerOf(incoming, cause);
      await drop(incoming);
      const next = new URL(location, target);
      // Credentials meant for one host are not handed to another.
      if (next.host !== target.host) delete headers.authorization;
      target = next;
    }
  }

  return {
    request,
    close() {
      closed = true;
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
