// The backend's configuration, from environment variables validated with the shared schema.
import { BackendEnv, EnvError, parseEnv } from "../shared/env.js";
import type { StorageConfig } from "./storage/create-storage.js";

export interface BackendConfig {
  host: string;
  port: number;
  /** Base of storage URLs; the bound address when unset. */
  publicUrl?: string;
  apiKeys: string[];
  upstream: "immersity" | "emulator";
  immersity: { apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string; timeoutMs: number };
  storage: StorageConfig;
  uploadUrlTtlS: number;
  resultUrlTtlS: number;
  /** How long Immersity may use the URLs it is handed: a call's whole timeout, and a minute. */
  upstreamUrlTtlS: number;
  /** How long a result's lease lasts (jobs/result-lease.ts): a call's whole timeout, and the check of what it wrote. */
  leaseTtlMs: number;
  limits: { maxBytes: number; maxSide: number; maxPixels: number; maxJsonBytes: number };
  pricesTtlS: number;
  /** Calls a minute per API key on the routes that spend credits. */
  rateLimitPerMinute: number;
  shutdownGraceMs: number;
  /** Age at which local storage removes an object. */
  localStorageTtlMs: number;
  logLevel: BackendEnv["LOG_LEVEL"];
}

/** Reading back and checking a written result (up to 100 MB) after the call. */
const LEASE_CHECK_MS = 5000;

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Immersity's URLs last 24 hours and cannot be renewed; half of that is left for answers. */
const IMMERSITY_MAX_RESULT_URL_TTL_S = 12 * 3600;

/** Where the backend runs: Node (node-server.ts) or Cloudflare Workers (worker.ts). */
export type Runtime = "node" | "workers";

/** The variables each storage needs, and problems with them, one line per variable. */
function storageProblems(e: BackendEnv, runtime: Runtime): string[] {
  const problems: string[] = [];
  if (runtime === "workers" && e.STORAGE !== "r2")
    problems.push(`STORAGE: ${e.STORAGE} does not run on Workers; set STORAGE=r2 with an R2 bucket bound as BUCKET`);
  if (runtime === "node" && e.STORAGE === "r2")
    problems.push(
      "STORAGE: r2 runs on Workers (npm run start:workers); on Node reach R2 with STORAGE=s3 and S3_ENDPOINT",
    );
  if (e.STORAGE === "r2") {
    for (const name of ["S3_BUCKET", "S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
      if ((e.S3_ACCESS_KEY_ID !== undefined || e.S3_SECRET_ACCESS_KEY !== undefined) && e[name] === undefined)
        problems.push(`${name}: required for R2's presigned URLs once S3_ACCESS_KEY_ID or S3_SECRET_ACCESS_KEY is set`);
    }
    // No disk to keep a generated one: every isolate must sign and check with the same key.
    if (e.S3_ACCESS_KEY_ID === undefined && e.STORAGE_SIGNING_SECRET === undefined)
      problems.push("STORAGE_SIGNING_SECRET: required with STORAGE=r2 without S3 keys (the Worker signs its own URLs)");
  }
  const requireFor = (kind: BackendEnv["STORAGE"], names: Array<keyof BackendEnv>) => {
    for (const name of names)
      if (e.STORAGE === kind && e[name] === undefined) problems.push(`${name}: required when STORAGE=${kind}`);
  };
  requireFor("s3", ["S3_BUCKET"]);
  requireFor("azure", ["AZURE_STORAGE_ACCOUNT", "AZURE_STORAGE_KEY", "AZURE_STORAGE_CONTAINER"]);
  if (e.STORAGE === "s3" && (e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    const missing = e.S3_ACCESS_KEY_ID === undefined ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY";
    problems.push(
      `${missing}: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or neither for the AWS ` +
        `SDK's default credentials`,
    );
  }
  // A bucket named but not used would quietly keep everything on local disk.
  if (e.S3_BUCKET !== undefined && e.STORAGE !== "s3" && e.STORAGE !== "r2")
    problems.push(`S3_BUCKET: set, but STORAGE is ${e.STORAGE}; set STORAGE=s3 to use the bucket`);
  if (e.AZURE_STORAGE_ACCOUNT !== undefined && e.STORAGE !== "azure") {
    problems.push(`AZURE_STORAGE_ACCOUNT: set, but STORAGE is ${e.STORAGE}; set STORAGE=azure to use the account`);
  }
  if (e.STORAGE === "immersity" && e.RESULT_URL_TTL_S > IMMERSITY_MAX_RESULT_URL_TTL_S) {
    problems.push(
      `RESULT_URL_TTL_S: at most ${IMMERSITY_MAX_RESULT_URL_TTL_S} with STORAGE=immersity, whose URLs ` +
        `last 24 hours and cannot be renewed`,
    );
  }
  return problems;
}

const upstreamUrlTtlS = (e: BackendEnv) => Math.ceil(e.IMMERSITY_TIMEOUT_MS / 1000) + 60;

function storageConfig(e: BackendEnv): StorageConfig {
  const signingSecret = e.STORAGE_SIGNING_SECRET ? { signingSecret: e.STORAGE_SIGNING_SECRET } : {};
  switch (e.STORAGE) {
    case "local":
      return { kind: "local", dir: e.STORAGE_DIR, ...signingSecret };
    case "immersity":
      return {
        kind: "immersity",
        dir: e.STORAGE_DIR,
        ...signingSecret,
        timeoutMs: e.IMMERSITY_TIMEOUT_MS,
        minValidityS: Math.max(e.RESULT_URL_TTL_S, upstreamUrlTtlS(e)),
      };
    case "s3":
      return {
        kind: "s3",
        bucket: e.S3_BUCKET!,
        region: e.S3_REGION,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
        ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } }
          : {}),
      };
    case "r2":
      return {
        kind: "r2",
        ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY && e.S3_BUCKET && e.S3_ENDPOINT
          ? {
              s3: {
                endpoint: e.S3_ENDPOINT,
                bucket: e.S3_BUCKET,
                region: e.S3_REGION,
                accessKeyId: e.S3_ACCESS_KEY_ID,
                secretAccessKey: e.S3_SECRET_ACCESS_KEY,
              },
            }
          : {}),
        ...(e.STORAGE_SIGNING_SECRET ? { signingSecret: e.STORAGE_SIGNING_SECRET } : {}),
      };
    case "azure":
      return {
        kind: "azure",
        account: e.AZURE_STORAGE_ACCOUNT!,
        accountKey: e.AZURE_STORAGE_KEY!,
        container: e.AZURE_STORAGE_CONTAINER!,
        endpoint: (e.AZURE_STORAGE_ENDPOINT ?? `https://${e.AZURE_STORAGE_ACCOUNT}.blob.core.windows.net`).replace(
          /\/+$/,
          "",
        ),
      };
  }
}

export function loadConfig(env: Record<string, string | undefined>, runtime: Runtime = "node"): BackendConfig {
  const e = parseEnv(BackendEnv, env);
  const problems: string[] = [];
  if (!e.IMMERSITY_CLIENT_ID)
    problems.push("IMMERSITY_CLIENT_ID: required (npm start runs the emulator when it is unset)");
  if (!e.IMMERSITY_CLIENT_SECRET)
    problems.push("IMMERSITY_CLIENT_SECRET: required (npm start runs the emulator when it is unset)");
  if (e.DEPTHFRAME_API_KEYS.length === 0 && !isLoopback(e.HOST)) {
    problems.push(
      `HOST: binding to ${e.HOST} needs DEPTHFRAME_API_KEYS; without keys the backend only listens on 127.0.0.1`,
    );
  }
  problems.push(...storageProblems(e, runtime));
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
    storage: storageConfig(e),
    uploadUrlTtlS: e.UPLOAD_URL_TTL_S,
    resultUrlTtlS: e.RESULT_URL_TTL_S,
    upstreamUrlTtlS: upstreamUrlTtlS(e),
    leaseTtlMs: e.IMMERSITY_TIMEOUT_MS + LEASE_CHECK_MS,
    limits: {
      maxBytes: e.MAX_UPLOAD_BYTES,
      maxSide: e.MAX_IMAGE_SIDE,
      maxPixels: e.MAX_IMAGE_PIXELS,
      maxJsonBytes: e.MAX_JSON_BYTES,
    },
    pricesTtlS: e.PRICES_TTL_S,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    localStorageTtlMs: Math.round(e.LOCAL_STORAGE_TTL_H * 3600_000),
    logLevel: e.LOG_LEVEL,
  };
}
