// The backend on Node: builds the dependencies from the configuration and serves the app.
import { readFileSync } from "node:fs";
import { listen } from "../shared/node-listen.js";
import { Agent, fetch as undiciFetch } from "undici";
import { createApp } from "./app.js";
import type { BackendConfig } from "./config.js";
import { createImmersityClient } from "./immersity/client.js";
import { createTokenCache } from "./immersity/token-cache.js";
import { createLogger, type Logger } from "./logger.js";
import { createStorage } from "./storage/create-storage.js";

export interface RunningBackend {
  url: string;
  logger: Logger;
  close(): Promise<void>;
}

const packageVersion = (): string =>
  (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Node's fetch gives up on headers after 300 s; Immersity may take as long as the configured timeout. */
function upstreamFetch(timeoutMs: number): typeof fetch {
  const dispatcher = new Agent({ headersTimeout: timeoutMs + 5_000, bodyTimeout: timeoutMs + 5_000, keepAliveTimeout: 10_000 });
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as typeof fetch;
}

export async function startBackend(config: BackendConfig, logger: Logger = createLogger(config.logLevel)): Promise<RunningBackend> {
  // Listen first: with port 0 the storage URLs can only be built once the port is known.
  let handle: (request: Request) => Response | Promise<Response> = () => new Response("starting", { status: 503 });
  const listening = await listen((request) => handle(request), config.host, config.port);
  const url = listening.url;

  try {
    const fetchUpstream = upstreamFetch(config.immersity.timeoutMs);
    const tokens = createTokenCache({ ...config.immersity, fetch: fetchUpstream });
    const immersity = createImmersityClient({ apiUrl: config.immersity.apiUrl, tokens, fetch: fetchUpstream, timeoutMs: config.immersity.timeoutMs });
    const storage = await createStorage(config, { publicUrl: config.publicUrl ?? url, immersity, fetch: fetchUpstream });
    const app = createApp({ config, storage, immersity, logger, version: packageVersion() });
    handle = app.fetch;
  } catch (error) {
    await listening.close();
    throw error;
  }

  return {
    url,
    logger,
    close: listening.close,
  };
}
