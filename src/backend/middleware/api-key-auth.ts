// Bearer API keys. Each presented key is hashed and compared with every configured key's hash
// without an early exit, so timing reveals neither a key's length nor how much of it matched.
import type { MiddlewareHandler } from "hono";
import { sha256, toHex } from "../../shared/sha256.js";
import type { BackendEnvironment } from "../app-env.js";
import { ApiError } from "../problem.js";

function equalDigests(a: Uint8Array, b: Uint8Array): boolean {
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/**
 * With no keys configured every request passes (the backend then listens on loopback only) and the
 * caller is known by its address. A key is known by its hash, so no key is kept beyond the request.
 */
export function apiKeyAuth(keys: string[]): MiddlewareHandler<BackendEnvironment> {
  const expected = Promise.all(keys.map((key) => sha256(key)));
  return async (c, next) => {
    const wanted = await expected;
    if (wanted.length === 0) {
      c.set("clientId", `address:${c.env?.incoming?.socket?.remoteAddress ?? "unknown"}`);
      return next();
    }
    const match = /^Bearer (\S+)$/.exec(c.req.header("authorization") ?? "");
    if (!match) throw new ApiError("unauthorized", "Send the backend's API key as 'Authorization: Bearer <key>'.");
    const presented = await sha256(match[1]!);
    let found = false;
    for (const key of wanted) found = equalDigests(presented, key) || found;
    if (!found) throw new ApiError("unauthorized", "The API key is not valid for this backend.");
    c.set("clientId", `key:${toHex(presented)}`);
    return next();
  };
}
