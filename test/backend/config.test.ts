import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/backend/config.js";
import { EnvError } from "../../src/shared/env.js";

const credentials = { IMMERSITY_CLIENT_ID: "id", IMMERSITY_CLIENT_SECRET: "secret" };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration from the environment", () => {
  it("has working defaults: loopback, port 8787, local storage, 300 s timeout, the documented limits", () => {
    const config = loadConfig(credentials);
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8787,
      apiKeys: [],
      storage: { kind: "local" },
      immersity: { apiUrl: "https://api.immersity.ai", timeoutMs: 300_000 },
      limits: { maxBytes: 50 * 1024 * 1024, maxSide: 8000, maxPixels: 40_000_000 },
      rateLimitPerMinute: 120,
      shutdownGraceMs: 30_000,
      localStorageTtlMs: 7 * 24 * 3600_000,
    });
  });

  it("takes a local storage TTL in fractions of an hour, and refuses limits that cannot work", () => {
    expect(loadConfig({ ...credentials, LOCAL_STORAGE_TTL_H: "0.5" }).localStorageTtlMs).toBe(1800_000);
    const problems = problemsOf({
      ...credentials,
      RATE_LIMIT_PER_MINUTE: "0",
      SHUTDOWN_GRACE_MS: "-1",
      LOCAL_STORAGE_TTL_H: "0",
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "RATE_LIMIT_PER_MINUTE",
      "SHUTDOWN_GRACE_MS",
      "LOCAL_STORAGE_TTL_H",
    ]);
  });

  it("says one clear line per bad variable, naming it", () => {
    const problems = problemsOf({
      ...credentials,
      PORT: "eighty",
      IMMERSITY_TIMEOUT_MS: "-1",
      DEPTHFRAME_API_KEYS: "short",
      LOG_LEVEL: "loud",
    });
    expect(problems).toHaveLength(4);
    for (const name of ["PORT", "IMMERSITY_TIMEOUT_MS", "DEPTHFRAME_API_KEYS", "LOG_LEVEL"])
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    expect(problems.find((p) => p.startsWith("DEPTHFRAME_API_KEYS"))).toMatch(/16 characters/);
  });

  it("needs Immersity credentials", () => {
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/^IMMERSITY_CLIENT_ID/),
      expect.stringMatching(/^IMMERSITY_CLIENT_SECRET/),
    ]);
  });

  it("refuses to listen beyond loopback without API keys", () => {
    expect(problemsOf({ ...credentials, HOST: "0.0.0.0" })).toEqual([
      expect.stringMatching(/^HOST: .*DEPTHFRAME_API_KEYS/),
    ]);
    expect(
      loadConfig({
        ...credentials,
        HOST: "0.0.0.0",
        DEPTHFRAME_API_KEYS: "a-key-of-sixteen-chars, another-key-0123456789",
      }).apiKeys,
    ).toEqual(["a-key-of-sixteen-chars", "another-key-0123456789"]);
    expect(loadConfig({ ...credentials, HOST: "::1" }).host).toBe("::1");
  });

  it("builds each storage from its variables", () => {
    const s3 = loadConfig({
      ...credentials,
      STORAGE: "s3",
      S3_BUCKET: "depthframe-images",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: "key-id",
      S3_SECRET_ACCESS_KEY: "key-secret",
    });
    expect(s3.storage).toEqual({
      kind: "s3",
      bucket: "depthframe-images",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "key-id", secretAccessKey: "key-secret" },
    });
    expect(loadConfig({ ...credentials, STORAGE: "s3", S3_BUCKET: "bucket", S3_REGION: "auto" }).storage).toEqual({
      kind: "s3",
      bucket: "bucket",
      region: "auto",
      forcePathStyle: false,
    });
    const key = Buffer.from("k".repeat(64)).toString("base64");
    expect(
      loadConfig({
        ...credentials,
        STORAGE: "azure",
        AZURE_STORAGE_ACCOUNT: "acct1",
        AZURE_STORAGE_KEY: key,
        AZURE_STORAGE_CONTAINER: "images",
      }).storage,
    ).toEqual({
      kind: "azure",
      account: "acct1",
      accountKey: key,
      container: "images",
      endpoint: "https://acct1.blob.core.windows.net",
    });
    expect(loadConfig({ ...credentials, STORAGE: "immersity", STORAGE_DIR: "/tmp/x" }).storage).toEqual({
      kind: "immersity",
      dir: "/tmp/x",
      timeoutMs: 300_000,
      // The longer of a result URL's life (1 h) and what Immersity may use a URL for (a call and a minute).
      minValidityS: 3600,
    });
    const longCalls = {
      ...credentials,
      STORAGE: "immersity",
      IMMERSITY_TIMEOUT_MS: "3600000",
      RESULT_URL_TTL_S: "600",
    };
    expect(loadConfig(longCalls).storage).toMatchObject({ timeoutMs: 3_600_000, minValidityS: 3660 });
  });

  it("names each missing or misplaced storage variable on a line of its own, and never echoes a secret", () => {
    expect(problemsOf({ ...credentials, STORAGE: "s3" })).toEqual(["S3_BUCKET: required when STORAGE=s3"]);
    expect(problemsOf({ ...credentials, STORAGE: "azure" })).toEqual([
      "AZURE_STORAGE_ACCOUNT: required when STORAGE=azure",
      "AZURE_STORAGE_KEY: required when STORAGE=azure",
      "AZURE_STORAGE_CONTAINER: required when STORAGE=azure",
    ]);
    expect(
      problemsOf({ ...credentials, STORAGE: "s3", S3_BUCKET: "bucket", S3_SECRET_ACCESS_KEY: "only-the-secret" }),
    ).toEqual([expect.stringMatching(/^S3_ACCESS_KEY_ID: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together/)]);
    expect(problemsOf({ ...credentials, S3_BUCKET: "bucket" })).toEqual([
      expect.stringMatching(/^S3_BUCKET: set, but STORAGE is local/),
    ]);
    expect(problemsOf({ ...credentials, STORAGE: "immersity", RESULT_URL_TTL_S: "86400" })).toEqual([
      expect.stringMatching(/^RESULT_URL_TTL_S: at most 43200/),
    ]);

    const secret = "not base64 but a secret!";
    const problems = problemsOf({
      ...credentials,
      STORAGE: "ftp",
      S3_BUCKET: "No_Such_Bucket",
      S3_FORCE_PATH_STYLE: "yes",
      S3_ENDPOINT: "ftp://example.com",
      AZURE_STORAGE_KEY: secret,
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "STORAGE",
      "S3_BUCKET",
      "S3_ENDPOINT",
      "S3_FORCE_PATH_STYLE",
      "AZURE_STORAGE_KEY",
    ]);
    expect(problems.join("\n")).not.toContain(secret);
  });
});
