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

const options = (level: string): pino.LoggerOptions => ({
  level,
  base: { service: "depthframe-backend" },
  redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
});

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(options(level), destination);
}

/**
 * JSON lines through console, as Workers collect logs. A Worker's bundle has pino's browser build,
 * which hands over objects (redacted, errors serialized); Node's writes the line itself.
 */
export function createConsoleLogger(level: string): Logger {
  const line = (text: string) => console.log(text);
  return pino(
    { ...options(level), browser: { serialize: true, write: (entry) => line(JSON.stringify(entry)) } },
    { write: (text: string) => line(text.trimEnd()) },
  );
}
