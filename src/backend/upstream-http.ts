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

/** An answer's chunks, failing with the timeout rather than the reset it causes. */
async function* chunksOf(incoming: Readable, cause: (error: unknown) => unknown): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of incoming) yield chunk as Buffer;
  } catch (error) {
    throw cause(error);
  }
}

export function createUpstreamClient(): UpstreamClient {
  const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

  async function request(url: string, options: UpstreamRequest): Promise<UpstreamResponse> {
    const target = new URL(url);
    const transport = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
    if (!transport) throw new Error(`Not an http(s) URL: ${target.protocol}`);
    const signal = AbortSignal.timeout(options.timeoutMs);
    // An abort makes Node report an AbortError or a reset; the caller wants the reason (the timeout).
    const cause = (error: unknown) => (signal.aborted ? signal.reason : error);
    const { body } = options;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    if (typeof body === "string" || body instanceof Uint8Array) headers["content-length"] = String(Buffer.byteLength(body));

    return new Promise<UpstreamResponse>((resolve, reject) => {
      const fail = (error: unknown) => reject(cause(error));
      const outgoing = transport.request(target, { method: options.method ?? "GET", headers, agent: agents[target.protocol as "http:"], signal }, (incoming) => {
        const status = incoming.statusCode ?? 0;
        resolve({
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
          discard: () => {
            incoming.resume();
            return finished(incoming).catch(() => undefined);
          },
        });
      });
      outgoing.on("error", fail);
      if (body === undefined || typeof body === "string" || body instanceof Uint8Array) outgoing.end(body);
      else pipeline(Readable.from(body), outgoing).catch(fail);
    });
  }

  return {
    request,
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
