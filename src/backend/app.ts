// The backend as a web-standard Hono app: middleware composed, routes mounted, nothing Node-specific
// except what the storage adapter brings. Served on Node (node-server.ts) and on Workers (worker.ts).
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { API_VERSION, type HealthResponse, type ResultResponse } from "../shared/api.js";
import type { BackendEnvironment } from "./app-env.js";
import type { BackendConfig } from "./config.js";
import type { ImmersityClient } from "./immersity/client.js";
import { createSingleFlight } from "./jobs/single-flight.js";
import type { Logger } from "./logger.js";
import { apiKeyAuth, type ClientAddress } from "./middleware/api-key-auth.js";
import type { Drain } from "./middleware/drain.js";
import { creditRateLimit } from "./middleware/rate-limit.js";
import { requestLog } from "./middleware/request-log.js";
import { ApiError, problemResponse } from "./problem.js";
import { animationRoutes, disparityRoutes } from "./routes/paid-routes.js";
import { healthRoutes } from "./routes/health.js";
import { PLAYER_PATH, playerRoutes } from "./routes/player.js";
import { priceRoutes } from "./routes/prices.js";
import { uploadRoutes } from "./routes/uploads.js";
import { OWN_URL_PREFIX } from "./storage/own-url-signer.js";
import { signedUrlRoutes } from "./storage/signed-url-routes.js";
import { servesOwnUrls, type Storage } from "./storage/storage.js";

export interface BackendDeps {
  config: BackendConfig;
  storage: Storage;
  immersity: ImmersityClient;
  logger: Logger;
  version: string;
  /** Refuses new API requests once the server is stopping (it counts the responses in progress). */
  drain: Drain;
  /** The built <depth-frame> player the plugin puts in its export zip; null or absent when not built. */
  player?: string | null;
  clientAddress: ClientAddress;
}

const HTTP_EXCEPTION_CODES = {
  400: "invalid_request",
  401: "unauthorized",
  413: "payload_too_large",
  415: "unsupported_media_type",
} as const;

function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    const code = HTTP_EXCEPTION_CODES[error.status as keyof typeof HTTP_EXCEPTION_CODES];
    if (code) return new ApiError(code, error.message || "The request could not be read.");
  }
  return null;
}

/** What the request log records for a request its client abandoned (nginx's code for it). */
const CLIENT_CLOSED_REQUEST = 499;

/** A route's path as a regular expression: `:name` is one segment, `*` anything. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\/:[^/]+/g, "/[^/]+")
      .replace(/\*/g, ".*")}$`,
  );

export function createApp(deps: BackendDeps) {
  const { config, storage, logger } = deps;
  const app = new OpenAPIHono<BackendEnvironment>();

  app.use(requestLog(logger));
  app.use(
    // Every origin: the plugin's iframe has origin "null", Figma lets it call only APIs that allow
    // "*", keys travel in a header and no cookies are used.
    cors({
      origin: "*",
      allowMethods: ["GET", "HEAD", "POST", "PUT", "OPTIONS"],
      allowHeaders: ["authorization", "content-type"],
      exposeHeaders: ["retry-after", "x-correlation-id", "content-length"],
      maxAge: 600,
    }),
  );

  app.onError((error, c) => {
    // A client that hung up (mid-upload, say) gets no answer; nothing went wrong here.
    if (c.req.raw.signal.aborted) {
      logger.info({ correlationId: c.get("correlationId") }, "client closed the request");
      return new Response(null, { status: CLIENT_CLOSED_REQUEST });
    }
    const known = toApiError(error);
    if (!known) logger.error({ correlationId: c.get("correlationId"), err: error }, "unexpected error");
    const problem =
      known ?? new ApiError("internal_error", "Something went wrong on the backend; the log has the details.");
    c.set("errorCode", problem.code);
    return problemResponse(problem, c.get("correlationId"));
  });
  app.notFound((c) => {
    const allowed = methodsAt(c.req.path);
    const problem = allowed.length
      ? new ApiError("method_not_allowed", `This route takes ${allowed.join(", ")}.`, {
          allow: allowed.join(", "),
        })
      : new ApiError("not_found", "There is no such route.");
    c.set("errorCode", problem.code);
    return problemResponse(problem, c.get("correlationId"));
  });
  /** The methods the routes matching a path take (HEAD wherever GET is, as Hono answers it). */
  const methodsAt = (path: string) => {
    const methods = new Set<string>();
    for (const route of app.routes) {
      if (route.method !== "ALL" && patternOf(route.path).test(path)) methods.add(route.method);
    }
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods];
  };

  const health: HealthResponse = {
    status: "ok",
    version: deps.version,
    storage: storage.kind,
    upstream: config.upstream,
  };
  const v1 = `/${API_VERSION}`;
  const open = new Set([`${v1}/health`, `${v1}/openapi.json`, `${v1}${PLAYER_PATH}`]);
  const auth = apiKeyAuth(config.apiKeys, deps.clientAddress);
  app.use(`${v1}/*`, deps.drain.middleware);
  app.use(`${v1}/*`, (c, next) => (open.has(c.req.path) ? next() : auth(c, next)));
  // Every route that spends credits draws on one budget per API key: one app.use line per route.
  const spendsCredits = creditRateLimit(config.rateLimitPerMinute);
  app.use(`${v1}/disparity`, spendsCredits);
  app.use(`${v1}/animation`, spendsCredits);
  const maxJsonBytes = config.limits.maxJsonBytes;
  app.use(
    `${v1}/*`,
    bodyLimit({
      maxSize: maxJsonBytes,
      onError: () => {
        throw new ApiError("payload_too_large", `JSON bodies are limited to ${maxJsonBytes} bytes.`);
      },
    }),
  );

  app.route(v1, healthRoutes(health));
  app.route(v1, uploadRoutes({ storage, maxBytes: config.limits.maxBytes, urlTtlS: config.uploadUrlTtlS }));
  const jobs = {
    storage,
    immersity: deps.immersity,
    limits: config.limits,
    upstreamUrlTtlS: config.upstreamUrlTtlS,
    resultUrlTtlS: config.resultUrlTtlS,
    leaseTtlMs: config.leaseTtlMs,
    stopping: () => deps.drain.isStopping,
    singleFlight: createSingleFlight<ResultResponse>(),
  };
  app.route(v1, disparityRoutes(jobs));
  app.route(v1, animationRoutes(jobs));
  app.route(v1, priceRoutes(deps.immersity, config.pricesTtlS));
  app.route(v1, playerRoutes(deps.player ?? null));
  app.doc31(`${v1}/openapi.json`, {
    openapi: "3.1.0",
    info: {
      title: "Depthframe backend",
      version: deps.version,
      description: "See docs/backend-api.md.",
    },
    security: [{ apiKey: [] }],
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: `${v1}/openapi.json`,
    summary: "This document; no authentication",
    security: [],
    responses: { 200: { description: "The OpenAPI document" } },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
  });

  if (servesOwnUrls(storage)) app.route(OWN_URL_PREFIX.slice(0, -1), signedUrlRoutes(storage));
  return app;
}
