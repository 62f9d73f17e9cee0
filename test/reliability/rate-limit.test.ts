// Rate limits on the routes that spend credits, over real HTTP: a budget per API key (per client
// address without keys), 429 rate_limited with Retry-After past it, other keys and routes untouched.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secondsUntil } from "../../src/backend/middleware/rate-limit.js";
import { expectProblem } from "../helpers/problems.js";
import { startStack, TEST_API_KEY, type Stack } from "../helpers/stack.js";

const OTHER_KEY = "another-key-0123456789abcdef";
const LIMIT = 3;
const notUploaded = { imageId: "d".repeat(64) };

describe("per API key", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      backendEnv: { RATE_LIMIT_PER_MINUTE: String(LIMIT), DEPTHFRAME_API_KEYS: `${TEST_API_KEY},${OTHER_KEY}` },
    });
  });
  afterAll(() => stack.close());

  const disparityAs = (key: string) =>
    stack.api("/v1/disparity", { json: notUploaded, headers: { authorization: `Bearer ${key}`, origin: "null" } });

  it("answers 429 rate_limited with Retry-After past the budget, and leaves other keys and routes alone", async () => {
    for (let i = 0; i < LIMIT; i++) await expectProblem(await disparityAs(TEST_API_KEY), 404, "image_not_found");
    const limited = await disparityAs(TEST_API_KEY);
    const problem = await expectProblem(limited, 429, "rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(problem.detail).toContain(`${LIMIT} calls a minute`);
    // The plugin's iframe reads Retry-After across origins.
    expect(limited.headers.get("access-control-allow-origin")).toBe("*");
    expect(limited.headers.get("access-control-expose-headers")).toMatch(/retry-after/);

    // Animations spend credits from the same budget.
    await expectProblem(await stack.api("/v1/animation", { json: notUploaded }), 429, "rate_limited");
    await expectProblem(await disparityAs(OTHER_KEY), 404, "image_not_found");
    const upload = await stack.api("/v1/uploads", {
      json: { sha256: "e".repeat(64), contentType: "image/png", size: 10 },
    });
    expect(upload.status).toBe(200);
    expect((await stack.stats()).calls.disparity ?? 0).toBe(0);
  });

  it("counts no request that fails authentication, and keeps no key in its logs", async () => {
    for (let i = 0; i < LIMIT + 2; i++) {
      await expectProblem(
        await stack.api("/v1/disparity", {
          json: notUploaded,
          headers: { authorization: "Bearer not-a-key-of-this-backend" },
        }),
        401,
        "unauthorized",
      );
    }
    // OTHER_KEY has spent one call of its budget above; the failed ones took nothing from anyone.
    await expectProblem(await disparityAs(OTHER_KEY), 404, "image_not_found");
    await expectProblem(await disparityAs(OTHER_KEY), 404, "image_not_found");
    await expectProblem(await disparityAs(OTHER_KEY), 429, "rate_limited");
    const logs = stack.logs.join("");
    expect(logs).toContain('"code":"rate_limited"');
    for (const key of [TEST_API_KEY, OTHER_KEY]) expect(logs).not.toContain(key);
  });
});

describe("without API keys", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ backendEnv: { RATE_LIMIT_PER_MINUTE: String(LIMIT), DEPTHFRAME_API_KEYS: "" } });
  });
  afterAll(() => stack.close());

  it("keeps a budget per client address", async () => {
    const from = (address: string) =>
      postFrom(address, `${stack.backend.url}/v1/disparity`, JSON.stringify(notUploaded));
    for (let i = 0; i < LIMIT; i++) await expectProblem(await from("127.0.0.1"), 404, "image_not_found");
    await expectProblem(await from("127.0.0.1"), 429, "rate_limited");
    // Linux answers on the whole of 127.0.0.0/8, so a second client can connect from another address.
    await expectProblem(await from("127.0.0.2"), 404, "image_not_found");
  });
});

/** A JSON POST from a chosen local address, which fetch cannot choose. */
function postFrom(localAddress: string, url: string, body: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: "POST", localAddress, headers: { "content-type": "application/json" } },
      async (answer) => {
        const chunks: Buffer[] = [];
        for await (const chunk of answer) chunks.push(chunk as Buffer);
        resolve(
          new Response(Buffer.concat(chunks), {
            status: answer.statusCode,
            headers: answer.headers as Record<string, string>,
          }),
        );
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

describe("Retry-After", () => {
  it("is the whole seconds left in the window, at least 1", () => {
    const now = 1_000_000;
    expect(secondsUntil(new Date(now + 59_001), now)).toBe(60);
    expect(secondsUntil(new Date(now + 1_000), now)).toBe(1);
    expect(secondsUntil(new Date(now - 5_000), now)).toBe(1);
    expect(secondsUntil(undefined, now)).toBe(60);
  });
});
