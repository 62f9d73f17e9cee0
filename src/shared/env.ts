// Environment variables of the backend and the emulator, validated once at start.
import * as z from "zod/mini";
import { IMMERSITY_API_URL, IMMERSITY_TOKEN_URL } from "./immersity.js";

const int = (min: number, max: number) => z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max));
const port = int(0, 65535);
const flag = z.pipe(
  z.enum(["true", "false"], "must be true or false"),
  z.transform((value) => value === "true"),
);

const apiKeys = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s) =>
      s
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ),
  z.array(z.string().check(z.minLength(16, "every API key must be at least 16 characters"))),
);
const text = z.string().check(z.minLength(1));
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

export const BackendEnv = z.object({
  HOST: z._default(text, "127.0.0.1"),
  PORT: z._default(port, 8787),
  /** Base URL that storage URLs are built on; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.optional(z.url()),
  DEPTHFRAME_API_KEYS: z._default(apiKeys, []),
  IMMERSITY_CLIENT_ID: z.optional(text),
  IMMERSITY_CLIENT_SECRET: z.optional(text),
  IMMERSITY_API_URL: z._default(z.url(), IMMERSITY_API_URL),
  IMMERSITY_TOKEN_URL: z._default(z.url(), IMMERSITY_TOKEN_URL),
  IMMERSITY_TIMEOUT_MS: z._default(int(1000, 3_600_000), 300_000),
  /** Reported by /v1/health; set by the start script when it runs the emulator. */
  DEPTHFRAME_UPSTREAM: z._default(z.enum(["immersity", "emulator"]), "immersity"),
  STORAGE: z._default(z.enum(["local", "s3", "azure", "immersity"]), "local"),
  /** Local storage's folder; with STORAGE=immersity, the folder of its index. */
  STORAGE_DIR: z._default(text, ".depthframe/storage"),
  /** HMAC key for the URLs the backend serves itself; generated and kept in STORAGE_DIR when absent. */
  STORAGE_SIGNING_SECRET: z.optional(z.string().check(z.minLength(32, "must be at least 32 characters"))),
  S3_BUCKET: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
          "must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens",
        ),
      ),
  ),
  /** "auto" for Cloudflare R2. */
  S3_REGION: z._default(
    z.string().check(z.regex(/^[a-z0-9-]{1,32}$/, "must be a region name such as us-east-1, or auto")),
    "us-east-1",
  ),
  S3_ENDPOINT: z.optional(httpUrl),
  S3_FORCE_PATH_STYLE: z._default(flag, false),
  S3_ACCESS_KEY_ID: z.optional(text),
  S3_SECRET_ACCESS_KEY: z.optional(text),
  AZURE_STORAGE_ACCOUNT: z.optional(
    z
      .string()
      .check(z.regex(/^[a-z0-9]{3,24}$/, "must be a storage account name: 3 to 24 lowercase letters and digits")),
  ),
  AZURE_STORAGE_KEY: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9+/]{20,}={0,2}$/, "must be one of the account's access keys, in base64")),
  ),
  AZURE_STORAGE_CONTAINER: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
          "must be a container name: 3 to 63 lowercase letters, digits and single hyphens",
        ),
      ),
  ),
  /** Defaults to https://<account>.blob.core.windows.net. */
  AZURE_STORAGE_ENDPOINT: z.optional(httpUrl),
  UPLOAD_URL_TTL_S: z._default(int(60, 7 * 24 * 3600), 900),
  RESULT_URL_TTL_S: z._default(int(60, 7 * 24 * 3600), 3600),
  MAX_UPLOAD_BYTES: z._default(int(1024, 1 << 30), 50 * 1024 * 1024),
  MAX_IMAGE_SIDE: z._default(int(16, 65_535), 8000),
  MAX_IMAGE_PIXELS: z._default(int(256, 1_000_000_000), 40_000_000),
  MAX_JSON_BYTES: z._default(int(256, 10 * 1024 * 1024), 64 * 1024),
  PRICES_TTL_S: z._default(int(0, 86_400), 3600),
  /** Calls a minute to the routes that spend credits, per API key (per client address without keys). */
  RATE_LIMIT_PER_MINUTE: z._default(int(1, 1_000_000), 120),
  /** How long a stopping backend lets requests in progress finish. */
  SHUTDOWN_GRACE_MS: z._default(int(0, 3_600_000), 30_000),
  /** Age at which local storage removes an object; fractions of an hour are allowed. */
  LOCAL_STORAGE_TTL_H: z._default(z.coerce.number().check(z.positive(), z.maximum(10 * 365 * 24)), 7 * 24),
  LOG_LEVEL: z._default(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), "info"),
});
export type BackendEnv = z.infer<typeof BackendEnv>;

export const EmulatorEnv = z.object({
  EMULATOR_HOST: z._default(text, "127.0.0.1"),
  EMULATOR_PORT: z._default(port, 8788),
  EMULATOR_CLIENT_ID: z._default(text, "depthframe-emulator"),
  EMULATOR_CLIENT_SECRET: z._default(text, "emulator-secret-not-for-production"),
  EMULATOR_CREDITS: z._default(z.coerce.number().check(z.minimum(0)), 100_000),
  EMULATOR_CREDITS_PER_CALL: z._default(z.coerce.number().check(z.minimum(0)), 10),
  EMULATOR_TOKEN_TTL_S: z._default(int(1, 86_400), 3600),
  EMULATOR_LATENCY_MS: z._default(int(0, 600_000), 0),
  /** "flat": disparity maps of the input's size without any depth rendering, for load tests. */
  EMULATOR_RESULTS: z._default(z.enum(["depth", "flat"]), "depth"),
});
export type EmulatorEnv = z.infer<typeof EmulatorEnv>;

/** One line per bad variable, naming it. */
export function parseEnv<T extends z.ZodMiniType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`);
  throw new EnvError(lines);
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  ${problems.join("\n  ")}`);
    this.name = "EnvError";
  }
}
