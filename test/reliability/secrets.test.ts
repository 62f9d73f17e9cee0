// The Immersity client secret and the storage keys (local signing secret, S3 secret key, Azure
// account key) never reach an answer of the backend, a log line, or a file of the built plugin:
// through the whole flow with every storage, through injected failures, and with keys that are wrong.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/build.js";
import { UploadResponse } from "../../src/shared/api.js";
import type { EmulatorFaults } from "../../src/shared/emulator.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { startStack, TEST_API_KEY, type Stack } from "../helpers/stack.js";
import { useStorageServers } from "../helpers/storage-servers.js";

const CLIENT_SECRET = `client-secret-${randomBytes(18).toString("base64url")}`;
const SIGNING_SECRET = randomBytes(36).toString("base64url");
const { s3, azurite } = useStorageServers("secrets");

/** A secret as it could leak: as it is, URL-encoded, or in base64. */
const forms = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret).toString("base64"),
  Buffer.from(secret).toString("base64url"),
];

function expectNoSecret(text: string, secrets: string[]) {
  for (const secret of secrets)
    for (const form of forms(secret))
      expect(text, `a form of a secret (${secret.slice(0, 4)}…) leaked`).not.toContain(form);
}

/** Every answer of the backend, whole: status, headers and body. */
class Transcript {
  readonly answers: string[] = [];
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, init);
    const body = Buffer.from(await response.arrayBuffer());
    const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
    this.answers.push(`${response.status}\n${headers}\n${body.toString("latin1")}`);
    return new Response(body, { status: response.status, headers: response.headers });
  }
}

/** The flow the plugin drives, every injected failure, and refusals, each answer kept. */
async function exercise(stack: Stack, seed: number): Promise<string> {
  const transcript = new Transcript();
  const api = (route: string, body?: unknown, key = TEST_API_KEY) =>
    transcript.fetch(stack.backend.url + route, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const image = async (n: number) => {
    const png = await scenePng(32, 32, seed + n);
    const answer = UploadResponse.parse(
      await (await api("/v1/uploads", { sha256: sha256(png), contentType: "image/png", size: png.length })).json(),
    );
    if (answer.upload)
      expect((await fetch(answer.upload.url, { method: "PUT", body: png, headers: answer.upload.headers })).ok).toBe(
        true,
      );
    return answer.imageId;
  };

  await api("/v1/health");
  await api("/v1/openapi.json");
  await api("/v1/prices");
  const imageId = await image(0);
  const made = (await (await api("/v1/disparity", { imageId })).json()) as { url: string };
  await transcript.fetch(made.url);
  await api("/v1/disparity", { imageId });
  const faults: EmulatorFaults[] = [
    { failNext: { status: 500, count: 1 } },
    { failNext: { status: 429, count: 1, retryAfterS: 2 } },
    { skipWriteNext: 1 },
    { dropAfterWriteNext: 1 },
    { refusedWriteNext: 1 },
    { revokeTokens: true, failTokenNext: 1 },
    { credits: 0 },
  ];
  for (const [n, fault] of faults.entries()) {
    const id = await image(n + 1);
    await stack.faults(fault);
    await api("/v1/disparity", { imageId: id });
  }
  await api("/v1/prices", undefined, "not-a-key-of-this-backend");
  await api("/v1/disparity", { imageId: "../signing-secret" });
  await transcript.fetch(
    `${stack.backend.url}/storage/uploads/${imageId}?X-Expires=9999999999&X-Signature=${"A".repeat(43)}`,
  );
  return transcript.answers.join("\n\n");
}

interface Setup {
  storage: string;
  env(): Record<string, string>;
  secrets(): string[];
}

const setups: Setup[] = [
  { storage: "local", env: () => ({ STORAGE_SIGNING_SECRET: SIGNING_SECRET }), secrets: () => [SIGNING_SECRET] },
  {
    storage: "immersity",
    env: () => ({ STORAGE: "immersity", STORAGE_SIGNING_SECRET: SIGNING_SECRET }),
    secrets: () => [SIGNING_SECRET],
  },
  { storage: "s3", env: () => s3().env("secrets"), secrets: () => [s3().secretAccessKey] },
  { storage: "azure", env: () => azurite().env("secrets"), secrets: () => [azurite().accountKey] },
];

describe.each(setups)("with $storage storage", (setup) => {
  it("no secret in any answer or log line, through the flow, every injected failure and refusals", async () => {
    const stack = await startStack({
      backendEnv: { ...setup.env(), LOG_LEVEL: "trace" },
      emulatorEnv: { EMULATOR_CLIENT_SECRET: CLIENT_SECRET },
    });
    try {
      const answers = await exercise(stack, setups.indexOf(setup) * 100 + 13_000);
      const secrets = [CLIENT_SECRET, ...setup.secrets()];
      expectNoSecret(answers, secrets);
      expectNoSecret(stack.logs.join("\n"), secrets);
      expect(stack.logs.length).toBeGreaterThan(20);
    } finally {
      await stack.close();
    }
  });
});

describe("with keys that are wrong", () => {
  const wrong = {
    clientSecret: `wrong-client-secret-${randomBytes(12).toString("base64url")}`,
    s3Secret: randomBytes(30).toString("base64url"),
    azureKey: randomBytes(64).toString("base64"),
  };
  const cases = [
    {
      name: "the Immersity client secret",
      env: () => ({ IMMERSITY_CLIENT_SECRET: wrong.clientSecret }),
      secret: wrong.clientSecret,
    },
    {
      name: "the S3 secret key",
      env: () => ({ ...s3().env("secrets"), S3_SECRET_ACCESS_KEY: wrong.s3Secret }),
      secret: wrong.s3Secret,
    },
    {
      name: "the Azure account key",
      env: () => ({ ...azurite().env("secrets"), AZURE_STORAGE_KEY: wrong.azureKey }),
      secret: wrong.azureKey,
    },
  ];

  it.each(cases)("$name: refused, and not repeated in the answer or the log", async ({ env, secret }) => {
    const stack = await startStack({ backendEnv: { ...env(), LOG_LEVEL: "trace" } });
    try {
      const transcript = new Transcript();
      const png = await scenePng(20, 20, 1);
      const headers = { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" };
      await transcript.fetch(`${stack.backend.url}/v1/uploads`, {
        method: "POST",
        headers,
        body: JSON.stringify({ sha256: sha256(png), contentType: "image/png", size: png.length }),
      });
      await transcript.fetch(`${stack.backend.url}/v1/prices`, { headers });
      await transcript.fetch(`${stack.backend.url}/v1/disparity`, {
        method: "POST",
        headers,
        body: JSON.stringify({ imageId: sha256(png) }),
      });
      // Something failed visibly: the storage refused the backend, or Immersity did.
      expect(transcript.answers.some((a) => /^5\d\d/.test(a))).toBe(true);
      expectNoSecret(transcript.answers.join("\n\n"), [secret]);
      expectNoSecret(stack.logs.join("\n"), [secret]);
    } finally {
      await stack.close();
    }
  });
});

describe("the built plugin", () => {
  it("holds no secret of the environment it was built in, nor the emulator's default client secret", async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), "depthframe-dist-"));
    const environment = {
      IMMERSITY_CLIENT_SECRET: CLIENT_SECRET,
      STORAGE_SIGNING_SECRET: SIGNING_SECRET,
      S3_SECRET_ACCESS_KEY: s3().secretAccessKey,
      AZURE_STORAGE_KEY: azurite().accountKey,
      DEPTHFRAME_API_KEYS: TEST_API_KEY,
    };
    const saved = { ...process.env };
    Object.assign(process.env, environment);
    try {
      await build({ outDir });
      const files = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
      expect(files.map((f) => f.name).sort()).toEqual(["code.js", "depth-frame.js", "ui.html"]);
      for (const file of files) {
        const text = await readFile(path.join(file.parentPath, file.name), "latin1");
        expectNoSecret(text, [...Object.values(environment), "emulator-secret-not-for-production"]);
      }
    } finally {
      process.env = saved;
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
