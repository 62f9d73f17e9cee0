// The whole stack on 127.0.0.1 for tests and benchmarks: the emulator and the backend on free
// ports, with storage in a fresh temporary folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { loadConfig, type BackendConfig } from "../../src/backend/config.js";
import { createLogger } from "../../src/backend/logger.js";
import { startBackend, type BackendOptions, type RunningBackend } from "../../src/backend/node-server.js";
import { startEmulator } from "../../src/emulator/node-server.js";
import { spawnEntry, type SpawnedEntry } from "./spawn-entry.js";
import { EMULATOR_CONTROL_PREFIX, EmulatorStats, type EmulatorFaults } from "../../src/shared/emulator.js";
import { EmulatorEnv, parseEnv } from "../../src/shared/env.js";
import { TOKEN_PATH } from "../../src/shared/immersity.js";

export interface EmulatorHandle {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface Stack {
  backend: RunningBackend;
  emulator: EmulatorHandle;
  config: BackendConfig;
  storageDir: string;
  /** Every log line the backend wrote, as text. */
  logs: string[];
  faults(faults: EmulatorFaults): Promise<void>;
  stats(): Promise<EmulatorStats>;
  /** fetch against the backend (or another at `base` with the same keys) with the test API key. */
  api(path: string, init?: RequestInit & { json?: unknown }, base?: string): Promise<Response>;
  close(): Promise<void>;
}

export const TEST_API_KEY = "test-key-0123456789abcdef";

/**
 * Spawns a server entry whose first line says "listening on <url>"; one that says anything else is stopped, not left
 * behind.
 */
async function spawnListening(
  what: string,
  entry: string,
  env: Record<string, string>,
): Promise<{ child: SpawnedEntry; url: string }> {
  const child = await spawnEntry(entry, env);
  const url = /listening on (\S+)/.exec(child.firstLine)?.[1];
  if (url) return { child, url };
  await child.stop();
  throw new Error(`${what} did not start: ${child.firstLine}`);
}

export type SpawnedEmulator = EmulatorHandle & { pid: number };

/** The emulator in a child process of its own, as a remote service would be: for benchmarks. */
export async function spawnEmulator(env: Record<string, string> = {}): Promise<SpawnedEmulator> {
  const { child, url } = await spawnListening("emulator", "../../src/emulator/main.ts", {
    EMULATOR_PORT: "0",
    ...env,
  });
  const defaults = parseEnv(EmulatorEnv, env);
  return {
    url,
    tokenUrl: url + TOKEN_PATH,
    clientId: defaults.EMULATOR_CLIENT_ID,
    clientSecret: defaults.EMULATOR_CLIENT_SECRET,
    pid: child.pid,
    close: async () => void (await child.stop()),
  };
}

/** A backend's environment on a free port of 127.0.0.1, against this emulator, with its storage in `storageDir`. */
export function backendEnv(emulator: Omit<EmulatorHandle, "close">, storageDir: string): Record<string, string> {
  return {
    PORT: "0",
    DEPTHFRAME_API_KEYS: TEST_API_KEY,
    IMMERSITY_CLIENT_ID: emulator.clientId,
    IMMERSITY_CLIENT_SECRET: emulator.clientSecret,
    IMMERSITY_API_URL: emulator.url,
    IMMERSITY_TOKEN_URL: emulator.tokenUrl,
    DEPTHFRAME_UPSTREAM: "emulator",
    STORAGE_DIR: storageDir,
    LOG_LEVEL: "info",
  };
}

/**
 * The backend in a child process of its own (backend-main.ts, or its compiled form), with SIGTERM to stop it as when
 * deployed.
 */
export async function spawnBackend(
  env: Record<string, string>,
  entry = "./backend-main.ts",
): Promise<SpawnedEntry & { url: string }> {
  const { child, url } = await spawnListening("backend", entry, env);
  return { ...child, url };
}

export async function startStack(
  options: {
    backendEnv?: Record<string, string>;
    emulatorEnv?: Record<string, string>;
    emulator?: EmulatorHandle;
    backend?: BackendOptions;
  } = {},
): Promise<Stack> {
  const emulator =
    options.emulator ?? (await startEmulator(parseEnv(EmulatorEnv, { EMULATOR_PORT: "0", ...options.emulatorEnv })));
  const storageDir = await mkdtemp(path.join(tmpdir(), "depthframe-test-"));
  const config = loadConfig({ ...backendEnv(emulator, storageDir), ...options.backendEnv });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const backend = await startBackend(config, createLogger(config.logLevel, sink), options.backend);
  return stackAround({ backend, emulator, config, storageDir, logs });
}

/** The stack's helpers around a running backend (a Node one, or a Worker) and its emulator. */
export function stackAround(parts: Pick<Stack, "backend" | "emulator" | "config" | "storageDir" | "logs">): Stack {
  const { backend, emulator, storageDir } = parts;
  const control = (path: string, body?: unknown) =>
    fetch(
      emulator.url + EMULATOR_CONTROL_PREFIX + path,
      body === undefined
        ? {}
        : {
            method: "POST",
            body: JSON.stringify(body),
            headers: { "content-type": "application/json" },
          },
    );
  return {
    ...parts,
    async faults(faults) {
      const response = await control("/faults", faults);
      if (!response.ok) throw new Error(`emulator refused faults: ${await response.text()}`);
    },
    async stats() {
      return EmulatorStats.parse(await (await control("/stats")).json());
    },
    api(route, init = {}, base = backend.url) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${TEST_API_KEY}`);
      if (json !== undefined) headers.set("content-type", "application/json");
      return fetch(base + route, {
        ...rest,
        headers,
        ...(json !== undefined ? { method: rest.method ?? "POST", body: JSON.stringify(json) } : {}),
      });
    },
    async close() {
      // No grace: a test that ends with a request still in progress has no use for its answer.
      await Promise.all([backend.close(0), emulator.close()]);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** Uploads bytes the way the plugin does: POST /v1/uploads, then PUT to the presigned URL. */
export async function upload(stack: Stack, bytes: Uint8Array, contentType: string, sha: string): Promise<string> {
  const response = await stack.api("/v1/uploads", {
    json: { sha256: sha, contentType, size: bytes.length },
  });
  if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
  const answer = (await response.json()) as {
    imageId: string;
    upload: { url: string; headers: Record<string, string> } | null;
  };
  if (answer.upload) {
    const put = await fetch(answer.upload.url, {
      method: "PUT",
      body: bytes,
      headers: answer.upload.headers,
    });
    if (!put.ok) throw new Error(`PUT refused: ${put.status} ${await put.text()}`);
  }
  return answer.imageId;
}
