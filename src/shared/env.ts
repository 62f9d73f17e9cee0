// Environment variables of the backend and the emulator, validated once at start.
import * as z from "zod";
import { IMMERSITY_API_URL, IMMERSITY_TOKEN_URL } from "./immersity.js";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const port = int(0, 65535);
const flag = z.enum(["true", "false"], "must be true or false").transform((value) => value === "true");

const apiKeys = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().min(16, "every API key must be at least 16 characters")));

export const BackendEnv = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(8787),
  /** Base URL that storage URLs are built on; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  DEPTHFRAME_API_KEYS: apiKeys.default([]),
  IMMERSITY_CLIENT_ID: z.string().min(1).optional(),
  IMMERSITY_CLIENT_SECRET: z.string().min(1).optional(),
  IMMERSITY_API_URL: z.string().url().default(IMMERSITY_API_URL),
  IMMERSITY_TOKEN_URL: z.string().url().default(IMMERSITY_TOKEN_URL),
  IMMERSITY_TIMEOUT_MS: int(1000, 3_600_000).default(300_000),
  /** Reported by /v1/health; set by the start script when it runs the emulator. */
  DEPTHFRAME_UPSTREAM: z.enum(["immersity", "emulator"]).default("immersity"),
  /** r2: Cloudflare R2 through the Worker's binding (src/backend/worker.ts), presigned with the S3_* keys when set. */
  STORAGE: z.enum(["local", "s3", "azure", "immersity", "r2"]).default("local"),
  /** Local storage's folder; with STORAGE=immersity, the folder of its index. */
  STORAGE_DIR: z.string().min(1).default(".depthframe/storage"),
  /** HMAC key for the URLs the backend serves itself; generated and kept in STORAGE_DIR when absent. */
  STORAGE_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      "must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens",
    )
    .optional(),
  /** "auto" for Cloudflare R2. */
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, "must be a region name such as us-east-1, or auto")
    .default("us-east-1"),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  S3_FORCE_PATH_STYLE: flag.default(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AZURE_STORAGE_ACCOUNT: z
    .string()
    .regex(/^[a-z0-9]{3,24}$/, "must be a storage account name: 3 to 24 lowercase letters and digits")
    .optional(),
  AZURE_STORAGE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{20,}={0,2}$/, "must be one of the account's access keys, in base64")
    .optional(),
  AZURE_STORAGE_CONTAINER: z
    .string()
    .regex(
      /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
      "must be a container name: 3 to 63 lowercase letters, digits and single hyphens",
    )
    .optional(),
  /** Defaults to https://<account>.blob.core.windows.net. */
  AZURE_STORAGE_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  UPLOAD_URL_TTL_S: int(60, 7 * 24 * 3600).default(900),
  RESULT_URL_TTL_S: int(60, 7 * 24 * 3600).default(3600),
  MAX_UPLOAD_BYTES: int(1024, 1 << 30).default(50 * 1024 * 1024),
  MAX_IMAGE_SIDE: int(16, 65_535).default(8000),
  MAX_IMAGE_PIXELS: int(256, 1_000_000_000).default(40_000_000),
  MAX_JSON_BYTES: int(256, 10 * 1024 * 1024).default(64 * 1024),
  PRICES_TTL_S: int(0, 86_400).default(3600),
  /** Calls a minute to the routes that spend credits, per API key (per client address without keys). */
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(120),
  /** How long a stopping backend lets requests in progress finish. */
  SHUTDOWN_GRACE_MS: int(0, 3_600_000).default(30_000),
  /** Age at which local storage removes an object; fractions of an hour are allowed. */
  LOCAL_STORAGE_TTL_H: z.coerce
    .number()
    .positive()
    .max(10 * 365 * 24)
    .default(7 * 24),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type BackendEnv = z.infer<typeof BackendEnv>;

export const EmulatorEnv = z.object({
  EMULATOR_HOST: z.string().min(1).default("127.0.0.1"),
  EMULATOR_PORT: port.default(8788),
  EMULATOR_CLIENT_ID: z.string().min(1).default("depthframe-emulator"),
  EMULATOR_CLIENT_SECRET: z.string().min(1).default("emulator-secret-not-for-production"),
  EMULATOR_CREDITS: z.coerce.number().min(0).default(100_000),
  EMULATOR_CREDITS_PER_CALL: z.coerce.number().min(0).default(10),
  EMULATOR_TOKEN_TTL_S: int(1, 86_400).default(3600),
  EMULATOR_LATENCY_MS: int(0, 600_000).default(0),
  /** "flat": disparity maps of the input's size without any depth rendering, for load tests. */
  EMULATOR_RESULTS: z.enum(["depth", "flat"]).default("depth"),
});
export type EmulatorEnv = z.infer<typeof EmulatorEnv>;

/** One line per bad variable, naming it. */
export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
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
