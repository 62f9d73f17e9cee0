// A budget of calls per minute for each caller on the routes that spend Immersity credits, so
// neither a runaway client nor a leaked key can drain the account at full speed. One limiter is
// shared by every such route: `app.use(route, limiter)` puts a route under the same budget.
import type { MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { BackendEnvironment } from "../app-env.js";
import { ApiError } from "../problem.js";

const WINDOW_MS = 60_000;

/** Whole seconds until the window ends, at least 1 (Retry-After: 0 would invite a busy loop). */
export function secondsUntil(resetTime: Date | undefined, now = Date.now()): number {
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? now + WINDOW_MS) - now) / 1000));
}

export function creditRateLimit(perMinute: number): MiddlewareHandler<BackendEnvironment> {
  return rateLimiter<BackendEnvironment>({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: false,
    keyGenerator: (c) => {
      const clientId = c.get("clientId");
      // Set by apiKeyAuth; a guarded route without it would share one budget among all callers.
      if (!clientId) throw new Error("creditRateLimit needs apiKeyAuth to run first");
      return clientId;
    },
    handler: (c) => {
      const seconds = secondsUntil(c.get("rateLimit")?.resetTime);
      throw new ApiError("rate_limited", `At most ${perMinute} calls a minute per API key; wait ${seconds} s.`, {
        "retry-after": String(seconds),
      });
    },
  });
}
