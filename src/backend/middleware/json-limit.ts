// The size limit on JSON bodies. A declared Content-Length is checked as it is (Node's parser never
// reads past it), which leaves the body to @hono/node-server's fast path; Hono's bodyLimit asks for
// the body stream first, and so builds a whole web Request for every POST. Only a body of unknown
// length is counted as it streams.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../problem.js";

export function jsonLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => new ApiError("payload_too_large", `JSON bodies are limited to ${maxBytes} bytes.`);
  const streamed = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return (c, next) => {
    if (c.req.method !== "POST") return next();
    const declared = c.req.header("content-length");
    if (declared === undefined || c.req.header("transfer-encoding") !== undefined) return streamed(c, next);
    if (Number(declared) > maxBytes) throw tooLarge();
    return next();
  };
}
