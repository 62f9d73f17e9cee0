// The servers a user starts, each tested alike: `npm start`'s, compiled as the build compiles it and
// run by plain Node, and `npm run start:workers`'s, the Worker on workerd with a local R2 bucket.
// Without Immersity credentials each starts the emulator beside the backend, and an animation
// proves the emulator finds its worker thread's compiled entry beside its own chunk.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../scripts/build.js";
import { PLAYER_PATH, playerRoutes } from "../../src/backend/routes/player.js";
import { HealthResponse, ResultResponse, UploadResponse } from "../../src/shared/api.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { spawnEntry, type SpawnedEntry } from "../helpers/spawn-entry.js";

// Inside the project, where Node finds the dependencies the bundle leaves to node_modules; build/ is
// not tracked.
const buildRoot = fileURLToPath(new URL("../../build/", import.meta.url));

interface Server {
  name: string;
  storage: "local" | "r2";
  /** Starts it on a free port with its storage in `storageDir`; the first line is its address. */
  start(storageDir: string): Promise<SpawnedEntry>;
  cleanup(): Promise<void>;
}

// spawnEntry passes this process's environment on; empty counts as unset for the server, so
// credentials or keys set where the tests run cannot turn the emulator off or require a key.
const UNSET = { IMMERSITY_CLIENT_ID: "", IMMERSITY_CLIENT_SECRET: "", DEPTHFRAME_API_KEYS: "" };

let serverDir = "";
const servers: Server[] = [
  {
    name: "the compiled server (npm start)",
    storage: "local",
    async start(storageDir) {
      await mkdir(buildRoot, { recursive: true });
      serverDir = await mkdtemp(path.join(buildRoot, "test-server-"));
      await buildServer({ outDir: serverDir });
      return spawnEntry(path.join(serverDir, "serve.js"), {
        PORT: "0",
        EMULATOR_PORT: "0",
        STORAGE_DIR: storageDir,
        LOG_LEVEL: "warn",
        ...UNSET,
      });
    },
    cleanup: async () => void (serverDir && (await rm(serverDir, { recursive: true, force: true }))),
  },
  {
    name: "the Worker on workerd (npm run start:workers)",
    storage: "r2",
    start: (storageDir) =>
      spawnEntry("../../scripts/start-workers.ts", {
        PORT: "0",
        EMULATOR_PORT: "0",
        STORAGE_DIR: storageDir,
        LOG_LEVEL: "warn",
        ...UNSET,
      }),
    cleanup: async () => {},
  },
];

describe.each(servers)("$name", (target) => {
  let storageDir = "";
  let server: SpawnedEntry | null = null;
  let url = "";

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), "depthframe-built-"));
    server = await target.start(storageDir);
    url = /Depthframe backend\s+(http:\/\/\S+)/.exec(server.firstLine)?.[1] ?? "";
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await Promise.all([target.cleanup(), storageDir && rm(storageDir, { recursive: true, force: true })]);
  });

  function post(route: string, body: unknown): Promise<Response> {
    return fetch(url + route, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
  }

  it("prints the backend's address first", () => {
    expect(server!.firstLine, server!.firstLine).toMatch(/^Depthframe backend\s+http:\/\/127\.0\.0\.1:\d+/);
  });

  it("answers health with the emulator as its upstream", async () => {
    const response = await fetch(`${url}/v1/health`);
    expect(response.status).toBe(200);
    expect(HealthResponse.parse(await response.json())).toMatchObject({
      status: "ok",
      upstream: "emulator",
      storage: target.storage,
    });
  });

  it("renders an MP4 through the emulator's animation thread, without an API key on loopback", async () => {
    const png = await scenePng(64, 48, 9100);
    const sha = sha256(png);
    const uploadAnswer = await post("/v1/uploads", { sha256: sha, contentType: "image/png", size: png.length });
    expect(uploadAnswer.status).toBe(200);
    const { imageId, upload } = UploadResponse.parse(await uploadAnswer.json());
    // A fresh storage folder has never seen the image, so it asks for the bytes.
    expect(upload).not.toBeNull();
    const put = await fetch(upload!.url, { method: "PUT", body: png, headers: upload!.headers });
    expect(put.status, await put.clone().text()).toBeLessThan(300);

    const animation = await post("/v1/animation", { imageId, options: { animationLength: 1, outputFps: 5 } });
    const answer = await animation.json();
    expect(animation.status, JSON.stringify(answer)).toBe(200);
    const result = ResultResponse.parse(answer);
    expect(result.contentType).toBe("video/mp4");
    const file = new Uint8Array(await (await fetch(result.url)).arrayBuffer());
    expect(new TextDecoder().decode(file.subarray(4, 8))).toBe("ftyp");
  }, 60_000);

  // The Node server reads dist/player (npm run build); the Worker bundles the player its custom build made.
  it.runIf(target.storage === "r2")("serves the player it bundled, with the Node route's headers", async () => {
    const response = await fetch(`${url}/v1${PLAYER_PATH}`);
    expect(response.status).toBe(200);
    const built = await readFile(new URL("worker/depth-frame.txt", `file://${buildRoot}`), "utf8");
    expect(await response.text()).toBe(built);
    expect(built).toMatch(/customElements\.define\("depth-frame"/);
    const node = await playerRoutes(built).request(PLAYER_PATH);
    for (const header of ["content-type", "cache-control"]) {
      expect(response.headers.get(header), header).toBe(node.headers.get(header));
    }
  });

  it("stops on SIGTERM with a clean exit", async () => {
    const code = await server!.stop();
    server = null;
    // 0 from its own graceful stop; null would mean the signal ended it before its handler ran.
    expect(code).toBe(0);
  });
});
