// CORS for every origin: the plugin's iframe has origin "null", Figma lets it call only APIs that
// allow "*", keys travel in a header and no cookies are used. The headers go onto each answer once
// it exists: Hono's cors() puts them on an empty response first, which makes Hono copy every answer
// into a new Response that @hono/node-server then streams the slow way.
import type { MiddlewareHandler } from "hono";

export interface OpenCorsOptions {
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeS: number;
}

export function openCors(options: OpenCorsOptions): MiddlewareHandler {
  const preflight = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": options.allowMethods.join(","),
    "access-control-allow-headers": options.allowHeaders.join(","),
    "access-control-max-age": String(options.maxAgeS),
  };
  const expose = options.exposeHeaders.join(",");
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return new Response(null, { status: 204, headers: preflight });
    await next();
    c.res.headers.set("access-control-allow-origin", "*");
    c.res.headers.set("access-control-expose-headers", expose);
  };
}
