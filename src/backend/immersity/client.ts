// The Immersity Cloud API client: bearer token from the cache, one refresh on a 401, a new
// correlationId per call, a timeout, and statuses mapped to the backend's codes. Calls that may
// have spent credits are never retried here.
import {
  CallResult,
  Prices,
  StorageCallResult,
  type AnimationParams,
  type DisparityParams,
} from "../../shared/immersity.js";
import { ApiError } from "../problem.js";
import type { UpstreamHttp, UpstreamRequest, UpstreamResponse } from "../upstream-http.js";
import { noAnswerError, upstreamError } from "./status-mapping.js";
import { createTokenCache, type TokenSource } from "./token-cache.js";

export interface ImmersityUploadUrl {
  /** A PUT URL into Immersity's own storage; Immersity also reads its inputs from it. */
  url: string;
  expiresAt: Date;
}

export interface ImmersityClient {
  disparity(params: DisparityParams & { correlationId: string }): Promise<CallResult>;
  animation(params: AnimationParams & { correlationId: string }): Promise<CallResult>;
  prices(): Promise<Prices>;
  uploadUrl(query: { fileName: string; mediaType?: string }): Promise<ImmersityUploadUrl>;
}

// The guide's word on upload URLs, for an expiry Immersity writes in a form Date cannot read.
const UPLOAD_URL_LIFETIME_MS = 24 * 3600 * 1000;

export interface ImmersityClientOptions {
  apiUrl: string;
  tokens: TokenSource;
  http: UpstreamHttp;
  timeoutMs: number;
}

export function createImmersityClient(options: ImmersityClientOptions): ImmersityClient {
  const base = options.apiUrl.replace(/\/+$/, "");

  const unreachable = (error: unknown) =>
    noAnswerError(error, {
      timedOut: `Immersity did not answer within ${Math.round(options.timeoutMs / 1000)} s.`,
      unavailable: "Immersity could not be reached.",
    });

  async function send(
    path: string,
    request: Omit<UpstreamRequest, "timeoutMs">,
    token: string,
  ): Promise<UpstreamResponse> {
    try {
      return await options.http(base + path, {
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${token}`, accept: "application/json" },
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      throw unreachable(error);
    }
  }

  async function call(path: string, request: Omit<UpstreamRequest, "timeoutMs">): Promise<unknown> {
    const token = await options.tokens.get();
    let response = await send(path, request, token);
    if (response.status === 401) {
      // A 401 is answered before any work, so one retry with a fresh token cannot spend credits twice.
      void response.discard();
      options.tokens.invalidate(token);
      response = await send(path, request, await options.tokens.get());
    }
    if (!response.ok) {
      void response.discard();
      throw upstreamError(response.status, response.header("retry-after"));
    }
    // A connection lost while the answer arrives is "unreachable": the caller then looks for the written result.
    return response.json().catch((error: unknown) => Promise.reject(unreachable(error)));
  }

  async function paidCall(path: string, params: object): Promise<CallResult> {
    const body = await call(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    const parsed = CallResult.safeParse(body);
    if (!parsed.success)
      throw new ApiError("upstream_incomplete", "Immersity answered 200 without a result description.");
    return parsed.data;
  }

  return {
    disparity: (params) => paidCall("/api/v1/disparity", params),
    animation: (params) => paidCall("/api/v1/animation", params),
    async prices() {
      const parsed = Prices.safeParse(await call("/api/v1/prices", { method: "GET" }));
      if (!parsed.success)
        throw new ApiError("upstream_unavailable", "Immersity answered the price list in an unknown shape.");
      return parsed.data;
    },
    async uploadUrl(query) {
      const asked = Date.now();
      const search = new URLSearchParams({
        fileName: query.fileName,
        ...(query.mediaType ? { mediaType: query.mediaType } : {}),
        correlationId: crypto.randomUUID(),
      });
      const parsed = StorageCallResult.safeParse(await call(`/api/v1/get-upload-url?${search}`, { method: "GET" }));
      if (!parsed.success)
        throw new ApiError("upstream_unavailable", "Immersity answered an upload URL in an unknown shape.");
      const expires = Date.parse(parsed.data.urlExpiresUTC);
      return {
        url: parsed.data.url,
        expiresAt: new Date(Number.isNaN(expires) ? asked + UPLOAD_URL_LIFETIME_MS : expires),
      };
    },
  };
}

/**
 * The client as every server builds it: its token cache and its calls on one upstream.
 * @example connectImmersity(config.immersity, createFetchUpstream())
 */
export function connectImmersity(
  config: { apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string; timeoutMs: number },
  http: UpstreamHttp,
): ImmersityClient {
  const tokens = createTokenCache({ ...config, http });
  return createImmersityClient({ apiUrl: config.apiUrl, tokens, http, timeoutMs: config.timeoutMs });
}
