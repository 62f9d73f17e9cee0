// The backend on Node: builds the dependencies from the configuration, serves the app, keeps the
// storage on this machine's disk tidy, and stops gracefully.
import type { HttpBindings } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import packageJson from "../../package.json" with { type: "json" };
import { listen } from "../shared/node-listen.js";
import { createApp } from "./app.js";
import type { BackendConfig } from "./config.js";
import { connectImmersity } from "./immersity/client.js";
import { createLogger, type Logger } from "./logger.js";
import { Drain } from "./middleware/drain.js";
import { createStorage } from "./storage/create-storage.js";
import type { Storage } from "./storage/storage.js";
import { startSweeps, type Sweeps } from "./storage/housekeeping.js";
import { readBuiltPlayer } from "./routes/player.js";
import { createUpstreamClient, type UpstreamClientOptions } from "./upstream-agent.js";

export interface RunningBackend {
  url: string;
  logger: Logger;
  /**
   * Stops gracefully: new API requests are refused with 503 shutting_down while those in progress
   * finish, for up to graceMs (SHUTDOWN_GRACE_MS unless given); then every connection, and every
   * Immersity call still open, is closed. Calling it again answers the same promise.
   */
  close(graceMs?: number): Promise<void>;
}

export interface BackendOptions {
  /**
   * Storage built by the caller instead of the configured one, once the backend's URL is known:
   * several backends on one R2 bucket reached through Miniflare's proxy of its binding, in tests.
   */
  storage?: (publicUrl: string) => Promise<Storage>;
  /** The signal that ends an upstream call past its timeout; tests give one they abort themselves. */
  deadline?: UpstreamClientOptions["deadline"];
}

/**
 * An answer given before its request's body was read to the end (a refused upload): Node then drains
 * or drops the rest, so the client is told not to send its next request on this connection, which
 * it would otherwise race against the close.
 */
function closingIfUnread(response: Response, { incoming }: HttpBindings): Response {
  if (incoming.method === "GET" || incoming.method === "HEAD" || incoming.readableEnded) return response;
  const headers = new Headers(response.headers);
  headers.set("connection", "close");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export async function startBackend(
  config: BackendConfig,
  logger: Logger = createLogger(config.logLevel),
  options: BackendOptions = {},
): Promise<RunningBackend> {
  // Listen first: with port 0 the storage URLs can only be built once the port is known.
  let handle: (request: Request, bindings: HttpBindings) => Response | Promise<Response> = () =>
    new Response("starting", { status: 503 });
  const drain = new Drain();
  const listening = await listen(
    async (request, bindings) => {
      drain.track(bindings.outgoing);
      return closingIfUnread(await handle(request, bindings), bindings);
    },
    config.host,
    config.port,
  );
  const url = listening.url;
  const upstream = createUpstreamClient({
    timeoutMs: config.immersity.timeoutMs,
    ...(options.deadline ? { deadline: options.deadline } : {}),
  });
  let sweeps: Sweeps | null = null;
  const release = async () => {
    sweeps?.stop();
    await listening.close();
    await upstream.close();
  };

  try {
    const http = upstream.request;
    const immersity = connectImmersity(config.immersity, http);
    const publicUrl = config.publicUrl ?? url;
    const storage = options.storage
      ? await options.storage(publicUrl)
      : await createStorage(config.storage, { publicUrl, immersity, http });
    const removeExpired = storage.removeExpired?.bind(storage);
    if (removeExpired)
      sweeps = await startSweeps(() => removeExpired(config.localStorageTtlMs), config.localStorageTtlMs, logger);
    const app = createApp({
      config,
      storage,
      immersity,
      logger,
      version: packageJson.version,
      drain,
      // The same two levels up from src/backend/ and from build/server/.
      player: await readBuiltPlayer(new URL("../../dist/player/depth-frame.js", import.meta.url)),
      clientAddress: (c) => getConnInfo(c).remote.address,
    });
    handle = (request, bindings) => app.fetch(request, bindings);
  } catch (error) {
    await release();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    url,
    logger,
    close: (graceMs = config.shutdownGraceMs) =>
      (closing ??= (async () => {
        if (!(await drain.stop(graceMs))) {
          logger.warn(
            { requestsInProgress: drain.requestsInProgress, graceMs },
            "shutdown: grace period over, requests in progress are cut off",
          );
        }
        await release();
      })()),
  };
}
