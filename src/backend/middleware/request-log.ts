// One log line per request: correlationId, route, status, duration and error code.
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../logger.js";
import type { BackendEnvironment } from "../app-env.js";

export function requestLog(logger: Logger): MiddlewareHandler<BackendEnvironment> {
  return async (c, next) => {
    const started = performance.now();
    const correlationId = crypto.randomUUID();
    c.set("correlationId", correlationId);
    await next();
    c.header("x-correlation-id", correlationId);
    const status = c.res.status;
    const line = {
      correlationId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(c.get("errorCode") ? { code: c.get("errorCode") } : {}),
    };
    if (status >= 500) logger.error(line, "request failed");
    else logger.info(line, "request");
  };
}
