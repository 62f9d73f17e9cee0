// The Workers entry with vars that do not validate: every request answers config_invalid as
// problem+json naming the variable (never its value), and each writes a JSON log line through
// console. The entry is web-standard, so it runs here as workerd runs it, handed the env directly.
import { afterEach, expect, it, vi } from "vitest";
import { createWorker, type WorkerEnv } from "../../src/backend/worker.js";
import { Problem } from "../../src/shared/errors.js";

afterEach(() => vi.restoreAllMocks());

it("fails every request with config_invalid and a log line when a var is bad", async () => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  const env = {
    BUCKET: {} as WorkerEnv["BUCKET"],
    STORAGE: "r2",
    IMMERSITY_CLIENT_ID: "id",
    IMMERSITY_CLIENT_SECRET: "very-secret-value",
    IMMERSITY_TIMEOUT_MS: "soon",
  } satisfies WorkerEnv;
  for (const route of ["/v1/health", "/v1/uploads"]) {
    const response = await createWorker(null).fetch(new Request(`https://depthframe.example${route}`), env);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe("config_invalid");
    expect(problem.detail).toContain("IMMERSITY_TIMEOUT_MS");
    expect(JSON.stringify(problem)).not.toContain("very-secret-value");
  }
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    expect(JSON.parse(line)).toMatchObject({ level: 50, msg: "configuration invalid" });
    expect(line).not.toContain("very-secret-value");
  }
});
