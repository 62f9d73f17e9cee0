// Per-request values shared by the middleware and the routes.
import type { HttpBindings } from "@hono/node-server";
import type { RateLimitInfo } from "hono-rate-limiter";
import type { ErrorCode } from "../shared/errors.js";

export interface BackendEnvironment {
  Bindings: HttpBindings;
  Variables: {
    correlationId: string;
    errorCode?: ErrorCode;
    /** Who is calling, for rate limits: a hash of the API key, or the client's address when no keys are configured. */
    clientId?: string;
    /** Set by the rate limiter on the routes it guards. */
    rateLimit?: RateLimitInfo;
  };
}
