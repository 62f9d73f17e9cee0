// One plain sentence per failure, saying what to do. Pure, so every code is tested.
import { BackendError, type FailureCode } from "./backend-client.js";
import { LocalRenderError } from "./local-render.js";
import { FigmaError } from "./run-item.js";

export interface FailureContext {
  backendUrl: string;
  correlationId?: string;
  retryAfterS?: number;
  detail?: string;
  /** Shown inside Settings, where the fields are just above: the sentence points there, not to Settings. */
  inSettings?: boolean;
}

const settingsAt = (c: FailureContext) => (c.inSettings ? "above" : "in Settings");

const SENTENCES: Record<FailureCode, (c: FailureContext) => string> = {
  network: (c) =>
    `The backend at ${c.backendUrl} cannot be reached: check the URL ${settingsAt(c)} and that the backend is running.`,
  unreadable_answer: (c) =>
    `The address ${c.backendUrl} answers, but it is not a Depthframe backend (it does not let the plugin read its ` +
    `answers): check the URL ${settingsAt(c)}.`,
  bad_answer: (c) =>
    `The address ${c.backendUrl} answers, but it is not a Depthframe backend: check the URL ${settingsAt(c)}.`,
  storage_refused: () =>
    "Storage refused the transfer: retry, and if it fails again ask whoever runs the backend to check its storage.",
  invalid_request: (c) =>
    `The backend refused the request (${c.detail ?? "invalid"}): update the plugin or the backend so they match.`,
  unauthorized: (c) => `The backend refused the API key: check the key ${settingsAt(c)}.`,
  insufficient_credits: () => "The Immersity account is out of credits: buy more at immersity.ai, then retry.",
  signature_invalid: () => "Storage refused the upload link: retry.",
  url_expired: () => "The upload link expired before the upload finished: retry.",
  not_found: (c) => `The server at ${c.backendUrl} does not offer the Depthframe API: check the URL ${settingsAt(c)}.`,
  method_not_allowed: (c) =>
    `The server at ${c.backendUrl} does not offer this version of the Depthframe API: check the URL ${settingsAt(c)}.`,
  image_not_found: () => "The image did not reach storage: retry.",
  disparity_not_found: () =>
    "The depth map this animation builds on is gone from storage: retry to have it made again.",
  payload_too_large: (c) => `The image file is too large for the backend: lower the export size ${settingsAt(c)}.`,
  unsupported_media_type: () =>
    "The backend does not accept this image format: retry; the layer will be exported as PNG.",
  image_invalid: () => "The backend could not read the image: retry, or flatten the layer and try again.",
  image_hash_mismatch: () => "The uploaded bytes were damaged on the way: retry.",
  image_too_large: (c) => `The image is larger than the backend allows: lower the export size ${settingsAt(c)}.`,
  rate_limited: (c) => `Too many requests for now: retry in ${c.retryAfterS ?? 60} seconds.`,
  internal_error: (c) =>
    `The backend failed unexpectedly: retry, and if it persists give its operator the reference ` +
    `${c.correlationId ?? "in its log"}.`,
  upstream_rejected: () => "Immersity refused this image: retry with another export size, or flatten the layer.",
  upstream_auth_failed: () =>
    "The backend's Immersity credentials were refused: ask whoever runs the backend to check them.",
  upstream_unavailable: () => "Immersity is not answering right now: retry in a few minutes.",
  upstream_incomplete: () => "Immersity did not deliver a usable result: retry.",
  upstream_timeout: (c) => `Immersity took too long: retry, or lower the export size ${settingsAt(c)}.`,
  shutting_down: () => "The backend is restarting: retry in a minute.",
  config_invalid: () => "The backend is not configured correctly: ask whoever runs it to check its settings and log.",
};

export function failureSentence(code: FailureCode, context: FailureContext): string {
  return SENTENCES[code](context);
}

export const timeoutSentence = (seconds: number) =>
  `This item took longer than ${seconds} seconds and was stopped: retry it.`;
export const figmaSentence = (what: "export" | "place", message: string) =>
  `Figma could not ${what === "export" ? "export this layer" : "place the result"}: ${message.replace(/\.$/, "")}.`;

/** The sentence for whatever ended an item: the backend's code, Figma's step, or the timeout. */
export function describeFailure(
  error: unknown,
  options: { backendUrl: string; itemTimeoutS: number; inSettings?: boolean },
): string {
  if (error instanceof BackendError) {
    return failureSentence(error.code, {
      backendUrl: options.backendUrl,
      inSettings: options.inSettings ?? false,
      detail: error.message,
      ...(error.correlationId ? { correlationId: error.correlationId } : {}),
      ...(error.retryAfterS ? { retryAfterS: error.retryAfterS } : {}),
    });
  }
  if (error instanceof FigmaError) return figmaSentence(error.step, error.message);
  if (error instanceof LocalRenderError) return error.message;
  if (error instanceof DOMException && error.name === "TimeoutError") return timeoutSentence(options.itemTimeoutS);
  return `Something unexpected went wrong: ${(error as Error)?.message ?? String(error)}.`;
}

/** A row the account ran dry on; the banner above says the whole sentence once. */
export const OUT_OF_CREDITS_ROW = "Out of credits";

/** Why the footer shows no estimate, in place of one. */
export const ESTIMATE_MISSING = {
  checking: "Checking the backend…",
  failed: "No estimate: the backend's prices could not be read (see the message above).",
} as const;

/** What a confirm says in place of the cost it does not know yet, or could not learn. */
export const COST_UNKNOWN = {
  checking: "The cost is not known yet: the backend is being checked",
  failed: "The cost is not known: the backend's prices could not be read",
} as const;
