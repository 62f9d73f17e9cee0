// The upstream calls on Node: Node's fetch with an undici Agent, so the connections are the backend's
// own (kept alive, closed on shutdown) and undici's timers fit IMMERSITY_TIMEOUT_MS.
import { Agent } from "undici";
import { createFetchUpstream, type FetchUpstreamOptions, type UpstreamHttp } from "./upstream-http.js";

export interface UpstreamClient {
  request: UpstreamHttp;
  /** Closes every kept-alive connection and any call still open. */
  close(): Promise<void>;
}

/**
 * undici's timers tick about once a second: its own limits sit that much past the call's deadline, so
 * the deadline (a TimeoutError) is what ends a slow call, and undici's 300 s default never does.
 */
const TIMER_RESOLUTION_MS = 1_000;

export interface UpstreamClientOptions extends Pick<FetchUpstreamOptions, "deadline"> {
  /** The longest any call may take: IMMERSITY_TIMEOUT_MS. */
  timeoutMs: number;
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const agent = new Agent({
    headersTimeout: options.timeoutMs + TIMER_RESOLUTION_MS,
    bodyTimeout: options.timeoutMs + TIMER_RESOLUTION_MS,
  });
  const request = createFetchUpstream({
    // The package's Agent and the one inside Node's fetch are separate copies of undici.
    fetch: (url, init) => fetch(url, { ...init, dispatcher: agent as unknown as RequestInit["dispatcher"] }),
    ...(options.deadline ? { deadline: options.deadline } : {}),
  });
  return { request, close: () => agent.destroy() };
}
