// The backend's configuration, from environment variables validated with the shared schema.
import { BackendEnv, EnvError, parseEnv } from "../shared/env.js";

export interface BackendConfig {
  host: string;
  port: number;
  /** Base of storage URLs; the bound address when unset. */
  publicUrl?: string;
  apiKeys: string[];
  upstream: "immersity" | "emulator";
  immersity: { apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string; timeoutMs: number };
  storage: { kind: "local"; dir: string; signingSecret?: string };
  uploadUrlTtlS: number;
  resultUrlTtlS: number;
  limits: { maxBytes: number; maxSide: number; maxPixels: number; maxJsonBytes: number };
  pricesTtlS: number;
  logLevel: BackendEnv["LOG_LEVEL"];
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

export function loadConfig(env: Record<string, string | undefined>): BackendConfig {
  const e = parseEnv(BackendEnv, env);
  const problems: string[] = [];
  if (!e.IMMERSITY_CLIENT_ID) problems.push("IMMERSITY_CLIENT_ID: required (npm start runs the emulator when it is unset)");
  if (!e.IMMERSITY_CLIENT_SECRET) problems.push("IMMERSITY_CLIENT_SECRET: required (npm start runs the emulator when it is unset)");
  if (e.DEPTHFRAME_API_KEYS.length === 0 && !isLoopback(e.HOST)) {
    problems.push(`HOST: binding to ${e.HOST} needs DEPTHFRAME_API_KEYS; without keys the backend only listens on 127.0.0.1`);
  }
  if (problems.length) throw new EnvError(problems);
  return {
    host: e.HOST,
    port: e.PORT,
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, "") } : {}),
    apiKeys: e.DEPTHFRAME_API_KEYS,
    upstream: e.DEPTHFRAME_UPSTREAM,
    immersity: {
      apiUrl: e.IMMERSITY_API_URL,
      tokenUrl: e.IMMERSITY_TOKEN_URL,
      clientId: e.IMMERSITY_CLIENT_ID!,
      clientSecret: e.IMMERSITY_CLIENT_SECRET!,
      timeoutMs: e.IMMERSITY_TIMEOUT_MS,
    },
    storage: { kind: e.STORAGE, dir: e.STORAGE_DIR, ...(e.STORAGE_SIGNING_SECRET ? { signingSecret: e.STORAGE_SIGNING_SECRET } : {}) },
    uploadUrlTtlS: e.UPLOAD_URL_TTL_S,
    resultUrlTtlS: e.RESULT_URL_TTL_S,
    limits: { maxBytes: e.MAX_UPLOAD_BYTES, maxSide: e.MAX_IMAGE_SIDE, maxPixels: e.MAX_IMAGE_PIXELS, maxJsonBytes: e.MAX_JSON_BYTES },
    pricesTtlS: e.PRICES_TTL_S,
    logLevel: e.LOG_LEVEL,
  };
}
