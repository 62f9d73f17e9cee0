// The backend's stable error codes. Clients branch on `code`; titles are for people.
import * as z from "zod/mini";
import { lazySchema } from "./lazy-schema.js";

export const ERRORS = {
  invalid_request: { status: 400, title: "The request is not valid" },
  unauthorized: { status: 401, title: "A valid API key is required" },
  insufficient_credits: { status: 402, title: "The Immersity account is out of credits" },
  signature_invalid: { status: 403, title: "The storage URL's signature is not valid" },
  url_expired: { status: 403, title: "The storage URL has expired" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "The route does not take this method" },
  image_not_found: { status: 404, title: "No uploaded image has this id" },
  disparity_not_found: { status: 404, title: "No disparity map has this id" },
  payload_too_large: { status: 413, title: "The body is too large" },
  unsupported_media_type: { status: 415, title: "This content type is not accepted" },
  image_invalid: {
    status: 422,
    title: "The stored bytes are not a valid image of the claimed type",
  },
  image_hash_mismatch: { status: 422, title: "The stored bytes do not match the claimed SHA-256" },
  image_too_large: { status: 422, title: "The image's dimensions are over the limits" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal_error: { status: 500, title: "Internal error" },
  upstream_rejected: { status: 502, title: "Immersity rejected the request" },
  upstream_auth_failed: { status: 502, title: "The backend's Immersity credentials were refused" },
  upstream_unavailable: { status: 502, title: "Immersity could not be reached" },
  upstream_incomplete: { status: 502, title: "Immersity answered without writing a valid result" },
  upstream_timeout: { status: 504, title: "Immersity did not answer in time" },
  shutting_down: { status: 503, title: "The backend is shutting down" },
  config_invalid: { status: 500, title: "The backend's configuration is not valid" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ErrorCode = /* @__PURE__ */ lazySchema(() => z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]));

export const PROBLEM_TYPE_PREFIX = "urn:depthframe:problem:";

export const Problem = /* @__PURE__ */ lazySchema(() =>
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    code: ErrorCode,
    detail: z.string(),
    correlationId: z.optional(z.string()),
  }),
);
export type Problem = z.infer<typeof Problem>;
