// The backend on Cloudflare Workers: the same Hono app as on Node (app.ts), configured from the
// Worker's vars and secrets through the same env schema, with storage in the R2 bucket bound as
// BUCKET, outgoing calls on the Worker's fetch and log lines as JSON through console. A
// configuration that does not validate fails every request with config_invalid (and a log line),
// rather than serving half-configured. The entry wrangler bundles (worker-entry.ts) hands it the
// built player.
import packageJson from "../../package.json" with { type: "json" };
import { EnvError } from "../shared/env.js";
import { createApp } from "./app.js";
import { loadConfig, type BackendConfig } from "./config.js";
import { connectImmersity } from "./immersity/client.js";
import { createConsoleLogger } from "./logger.js";
import { Drain } from "./middleware/drain.js";
import { ApiError, problemResponse } from "./problem.js";
import { R2SelfServedStorage, R2Storage, type R2BucketLike } from "./storage/r2-storage.js";
import { createFetchUpstream } from "./upstream-http.js";

export interface WorkerEnv {
  BUCKET: R2BucketLike;
  [name: string]: unknown;
}

type Handler = (request: Request, env: WorkerEnv) => Response | Promise<Response>;

/** The vars and secrets that are text; bindings (the bucket) are not configuration. */
const textVars = (env: WorkerEnv) =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"));

async function build(env: WorkerEnv, origin: string, player: string | null): Promise<Handler> {
  let config: BackendConfig;
  try {
    config = loadConfig(textVars(env), "workers");
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return misconfigured(error);
  }
  const logger = createConsoleLogger(config.logLevel);
  const http = createFetchUpstream();
  const immersity = connectImmersity(config.immersity, http);
  if (config.storage.kind !== "r2") throw new Error("loadConfig(…, 'workers') answers R2 storage only");
  const { s3, signingSecret } = config.storage;
  const storage = s3
    ? new R2Storage({ bucket: env.BUCKET, s3 })
    : await R2SelfServedStorage.open({
        bucket: env.BUCKET,
        publicUrl: config.publicUrl ?? origin,
        secret: signingSecret!,
      });
  const app = createApp({
    config,
    storage,
    immersity,
    logger,
    version: packageJson.version,
    // A Worker is never stopped mid-request by its own code: the platform drains it.
    drain: new Drain(),
    clientAddress: (c) => c.req.header("cf-connecting-ip"),
    player,
  });
  return (request, env) => app.fetch(request, env as never);
}

function misconfigured(error: EnvError): Handler {
  const logger = createConsoleLogger("info");
  // Names and reasons only: the schema's messages never quote a value.
  const detail = `The backend's configuration is not valid: ${error.problems.join("; ")}`;
  return () => {
    logger.error({ problems: error.problems }, "configuration invalid");
    return problemResponse(new ApiError("config_invalid", detail));
  };
}

/** The Worker's handlers, serving `player` at GET /v1/player/depth-frame.js (404 when null). */
export function createWorker(player: string | null) {
  // One app per isolate, built on its first request (a Worker learns its own origin only then).
  let handler: Promise<Handler> | null = null;
  return {
    async fetch(request: Request, env: WorkerEnv): Promise<Response> {
      handler ??= build(env, new URL(request.url).origin, player);
      return (await handler)(request, env);
    },
  };
}
