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
    });
  });

  it("says one clear line per bad variable, naming it", () => {
    const problems = problemsOf({ ...credentials, PORT: "eighty", IMMERSITY_TIMEOUT_MS: "-1", DEPTHFRAME_API_KEYS: "short", LOG_LEVEL: "loud" });
    expect(problems).toHaveLength(4);
    for (const name of ["PORT", "IMMERSITY_TIMEOUT_MS", "DEPTHFRAME_API_KEYS", "LOG_LEVEL"]) expect(problems.some((p) => p.startsWith(name))).toBe(true);
    expect(problems.find((p) => p.startsWith("DEPTHFRAME_API_KEYS"))).toMatch(/16 characters/);
  });

  it("needs Immersity credentials", () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^IMMERSITY_CLIENT_ID/), expect.stringMatching(/^IMMERSITY_CLIENT_SECRET/)]);
  });

  it("refuses to listen beyond loopback without API keys", () => {
    expect(problemsOf({ ...credentials, HOST: "0.0.0.0" })).toEqual([expect.stringMatching(/^HOST: .*DEPTHFRAME_API_KEYS/)]);
    expect(loadConfig({ ...credentials, HOST: "0.0.0.0", DEPTHFRAME_API_KEYS: "a-key-of-sixteen-chars, another-key-0123456789" }).apiKeys).toEqual([
      "a-key-of-sixteen-chars",
      "another-key-0123456789",
    ]);
    expect(loadConfig({ ...credentials, HOST: "::1" }).host).toBe("::1");
  });
});
