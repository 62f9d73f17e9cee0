// Structured logs. Request lines carry no headers or query strings (signatures live there); the
// redaction list guards anything that slips in by another path.
import pino, { type Logger } from "pino";

export type { Logger };

export const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "client_secret",
  "*.client_secret",
  "clientSecret",
  "*.clientSecret",
  "apiKey",
  "*.apiKey",
  "signingSecret",
  "*.signingSecret",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: { service: "depthframe-backend" }, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
    destination,
  );
}
