// Immersity's HTTP statuses as the backend's error codes (Immersity publishes no error body, so the
// status alone decides), and a call that got no answer at all.
import { ApiError } from "../problem.js";

/** Seconds to wait, from a Retry-After header in seconds or as an HTTP date; 1 when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (header && /^\d+$/.test(header.trim())) return Math.max(1, Number(header.trim()));
  const date = header ? Date.parse(header) : NaN;
  return Number.isNaN(date) ? 1 : Math.max(1, Math.ceil((date - now) / 1000));
}

export function upstreamError(status: number, retryAfter: string | null): ApiError {
  switch (true) {
    case status === 400:
      return new ApiError("upstream_rejected", "Immersity refused the request as invalid.");
    case status === 401 || status === 403:
      return new ApiError("upstream_auth_failed", "Immersity refused the backend's credentials.");
    case status === 402:
      return new ApiError("insufficient_credits", "The Immersity account does not have enough credits for this call.");
    case status === 429: {
      const seconds = retryAfterSeconds(retryAfter);
      return new ApiError("rate_limited", `Immersity asks to wait ${seconds} s before the next call.`, {
        "retry-after": String(seconds),
      });
    }
    case status >= 500:
      return new ApiError("upstream_unavailable", `Immersity answered ${status}.`);
    default:
      return new ApiError("upstream_rejected", `Immersity answered with an unexpected status ${status}.`);
  }
}

/** A call that got no answer: past its time (a TimeoutError) it is upstream_timeout, otherwise upstream_unavailable. */
export function noAnswerError(error: unknown, messages: { timedOut: string; unavailable: string }): ApiError {
  return (error as Error)?.name === "TimeoutError"
    ? new ApiError("upstream_timeout", messages.timedOut)
    : new ApiError("upstream_unavailable", messages.unavailable);
}
