// OAuth2 client-credentials token, cached until shortly before it expires (see cachedValue for
// sharing and failures).
import { cachedValue, type CachedValue } from "../cached-value.js";
import { TokenResponse } from "../../shared/immersity.js";
import { ApiError } from "../problem.js";
import type { UpstreamHttp, UpstreamResponse } from "../upstream-http.js";
import { noAnswerError } from "./status-mapping.js";

export type TokenSource = CachedValue<string>;

export interface TokenCacheOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  http: UpstreamHttp;
  timeoutMs: number;
  /** Renew this long before the token's stated expiry. */
  skewMs?: number;
  now?: () => number;
}

// Keycloak's own default when expires_in is missing.
const DEFAULT_LIFETIME_S = 300;

export function createTokenCache(options: TokenCacheOptions): TokenSource {
  const skewMs = options.skewMs ?? 30_000;

  async function request(): Promise<{ value: string; ttlMs: number }> {
    let response: UpstreamResponse;
    try {
      response = await options.http(options.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }).toString(),
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      const message = "The Immersity token endpoint could not be reached.";
      throw noAnswerError(error, { timedOut: message, unavailable: message });
    }
    if (!response.ok) void response.discard();
    if (response.status === 400 || response.status === 401) {
      throw new ApiError(
        "upstream_auth_failed",
        "Immersity refused the backend's client credentials; check IMMERSITY_CLIENT_ID and IMMERSITY_CLIENT_SECRET.",
      );
    }
    if (!response.ok)
      throw new ApiError("upstream_unavailable", `The Immersity token endpoint answered ${response.status}.`);
    const parsed = TokenResponse.safeParse(await response.json().catch(() => null));
    if (!parsed.success)
      throw new ApiError("upstream_unavailable", "The Immersity token endpoint answered without an access token.");
    const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    // Short-lived tokens still get some use: never renew earlier than half their life.
    return { value: parsed.data.access_token, ttlMs: lifetimeMs - Math.min(skewMs, lifetimeMs / 2) };
  }

  return cachedValue(request, options.now);
}
