// Bearer API keys. Each presented key is hashed and compared with every configured key's hash
// without an early exit, so timing reveals neither a key's length nor how much of it matched.
import type { Context, MiddlewareHandler } from "hono";
import { createHash, timingSafeEqual } from "node:crypto";
import type { BackendEnvironment } from "../app-env.js";
import { ApiError } from "../problem.js";

const digest = (key: string) => createHash("sha256").update(key).digest();

/** The caller's address as the runtime knows it: Node's socket, or the header Cloudflare sets. */
export type ClientAddress = (c: Context<BackendEnvironment>) => string | undefined;

/**
 * With no keys configured every request passes (the backend then listens on loopback only) and the
 * caller is known by its address. A key is known by its hash, so no key is kept beyond the request.
 */
export function apiKeyAuth(keys: string[], addressOf: ClientAddress): MiddlewareHandler<BackendEnvironment> {
  const wanted = keys.map(digest);
  return (c, next) => {
    if (wanted.length === 0) {
      c.set("clientId", `address:${addressOf(c) ?? "unknown"}`);
      return next();
    }
    const match = /^Bearer (\S+)$/.exec(c.req.header("authorization") ?? "");
    if (!match) throw new ApiError("unauthorized", "Send the backend's API key as 'Authorization: Bearer <key>'.");
    const presented = digest(match[1]!);
    let found = false;
    for (const key of wanted) found = timingSafeEqual(presented, key) || found;
    if (!found) throw new ApiError("unauthorized", "The API key is not valid for this backend.");
    c.set("clientId", `key:${presented.toString("hex")}`);
    return next();
  };
}
