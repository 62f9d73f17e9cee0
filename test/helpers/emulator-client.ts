// An emulator on a free port of 127.0.0.1 for a test file, reset before each test, and a client that
// calls it the way Immersity's sample does: a bearer token, JSON bodies, upload slots in its storage.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/node-server.js";
import { EMULATOR_CONTROL_PREFIX, EmulatorStats, type EmulatorFaults } from "../../src/shared/emulator.js";
import { EmulatorEnv, parseEnv } from "../../src/shared/env.js";

export interface EmulatorClient {
  readonly emulator: RunningEmulator;
  /** A token issued for this test. */
  readonly token: string;
  requestToken(fields: Record<string, string>): Promise<Response>;
  /** A new token for the emulator's client credentials. */
  newToken(): Promise<string>;
  /** GET without a body, POST with one (a string is sent as it is). */
  api(path: string, body?: unknown, bearer?: string): Promise<Response>;
  /** A new slot of the emulator's storage holding `bytes`: its PUT URL, as Immersity's sample passes it on. */
  upload(bytes: Uint8Array, fileName?: string): Promise<string>;
  /** A new empty slot's PUT URL, for a result. */
  slot(fileName?: string): Promise<string>;
  faults(faults: EmulatorFaults): Promise<Response>;
  stats(): Promise<EmulatorStats>;
}

/** Registers the hooks; the client's fields are usable inside tests. */
export function useEmulator(): EmulatorClient {
  let emulator: RunningEmulator;
  let token = "";
  beforeAll(async () => {
    emulator = await startEmulator(parseEnv(EmulatorEnv, { EMULATOR_PORT: "0" }));
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await fetch(`${emulator.url}${EMULATOR_CONTROL_PREFIX}/reset`, { method: "POST" });
    token = await client.newToken();
  });

  const client: EmulatorClient = {
    get emulator() {
      return emulator;
    },
    get token() {
      return token;
    },
    requestToken: (fields) =>
      fetch(emulator.tokenUrl, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    async newToken() {
      const response = await client.requestToken({
        grant_type: "client_credentials",
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
      });
      return ((await response.json()) as { access_token: string }).access_token;
    },
    api: (path, body, bearer = token) =>
      fetch(emulator.url + path, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      }),
    async slot(fileName = "out") {
      const response = await client.api(`/api/v1/get-upload-url?fileName=${encodeURIComponent(fileName)}`);
      return ((await response.json()) as { url: string }).url;
    },
    async upload(bytes, fileName = "in.png") {
      const url = await client.slot(fileName);
      const put = await fetch(url, {
        method: "PUT",
        body: bytes,
        headers: { "content-type": "application/octet-stream" },
      });
      if (!put.ok) throw new Error(`upload refused: ${put.status}`);
      return url;
    },
    faults: (faults) =>
      fetch(`${emulator.url}${EMULATOR_CONTROL_PREFIX}/faults`, { method: "POST", body: JSON.stringify(faults) }),
    stats: async () =>
      EmulatorStats.parse(await (await fetch(`${emulator.url}${EMULATOR_CONTROL_PREFIX}/stats`)).json()),
  };
  return client;
}
