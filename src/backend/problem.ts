// Errors as application/problem+json (RFC 9457) with the stable codes from src/shared/errors.
import { ERRORS, PROBLEM_TYPE_PREFIX, type ErrorCode, type Problem } from "../shared/errors.js";

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra response headers, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = "ApiError";
    this.status = ERRORS[code].status;
  }
}

export function problemBody(code: ErrorCode, detail: string, correlationId?: string): Problem {
  const { status, title } = ERRORS[code];
  return { type: PROBLEM_TYPE_PREFIX + code, title, status, code, detail, ...(correlationId ? { correlationId } : {}) };
}

export function problemResponse(error: ApiError, correlationId?: string): Response {
  return new Response(JSON.stringify(problemBody(error.code, error.detail, correlationId)), {
    status: error.status,
    headers: { "content-type": "application/problem+json", ...error.headers },
  });
}
