// Immersity's failures, injected into the emulator, as the backend's problem codes, and what each
// leaves behind in storage and on the credit counter.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Problem } from "../../src/shared/errors.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { manualDeadlines } from "../helpers/manual-deadlines.js";
import { startStack, upload } from "../helpers/stack.js";
import { useStack } from "../helpers/use-stack.js";

let seed = 0;
const deadlines = manualDeadlines();
const stack = useStack({ backend: { deadline: deadlines.deadline } });

async function freshImage() {
  const png = await scenePng(48, 32, 1000 + seed++);
  return upload(stack, png, "image/png", sha256(png));
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return Problem.parse(await response.json());
}

const storedResults = async () => readdir(path.join(stack.storageDir, "objects", "results")).catch(() => []);

describe("upstream statuses", () => {
  it("402 becomes insufficient_credits and stores nothing", async () => {
    const imageId = await freshImage();
    const before = await storedResults();
    await stack.faults({ credits: 5 });
    const response = await stack.api("/v1/disparity", { json: { imageId } });
    expect(response.status).toBe(402);
    expect(await problemOf(response)).toMatchObject({ code: "insufficient_credits", status: 402 });
    expect(await storedResults()).toEqual(before);
    expect((await stack.stats()).creditsSpent).toBe(0);
  });

  it("429 becomes rate_limited with Retry-After", async () => {
    const imageId = await freshImage();
    await stack.faults({ failNext: { status: 429, count: 1, retryAfterS: 7 } });
    const response = await stack.api("/v1/disparity", { json: { imageId } });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect((await problemOf(response)).code).toBe("rate_limited");
  });

  for (const status of [500, 503] as const) {
    it(`${status} becomes upstream_unavailable, without a retry`, async () => {
      const imageId = await freshImage();
      await stack.faults({ failNext: { status, count: 1 } });
      const response = await stack.api("/v1/disparity", { json: { imageId } });
      expect(response.status).toBe(502);
      expect((await problemOf(response)).code).toBe("upstream_unavailable");
      expect((await stack.stats()).calls.disparity).toBe(1);
    });
  }

  it("a 400 from Immersity becomes upstream_rejected", async () => {
    // Header, size and end are intact, so the backend's checks pass; the pixel data is not, so Immersity refuses it.
    const png = await scenePng(64, 64, 9);
    const broken = Buffer.from(png);
    for (let i = 60; i < broken.length - 30; i++) broken[i] = 0xaa;
    const imageId = await upload(stack, broken, "image/png", sha256(broken));
    const response = await stack.api("/v1/disparity", { json: { imageId } });
    expect(response.status).toBe(502);
    expect((await problemOf(response)).code).toBe("upstream_rejected");
    expect((await stack.stats()).creditsSpent).toBe(0);
  });

  it("an answer past the timeout becomes upstream_timeout", async () => {
    const imageId = await freshImage();
    await stack.faults({ hangNext: 1 });
    const answer = stack.api("/v1/disparity", { json: { imageId } });
    await expect.poll(async () => (await stack.stats()).calls.disparity).toBe(1);
    deadlines.pass();
    const response = await answer;
    expect(response.status).toBe(504);
    expect((await problemOf(response)).code).toBe("upstream_timeout");
  });

  it("200 without a written result becomes upstream_incomplete, and nothing is cached", async () => {
    const imageId = await freshImage();
    await stack.faults({ skipWriteNext: 1 });
    const response = await stack.api("/v1/disparity", { json: { imageId } });
    expect(response.status).toBe(502);
    expect((await problemOf(response)).code).toBe("upstream_incomplete");
    const retry = await stack.api("/v1/disparity", { json: { imageId } });
    expect(await retry.json()).toMatchObject({ cached: false });
  });

  it("a dropped connection after the result was written answers with the stored result, paid once", async () => {
    const imageId = await freshImage();
    await stack.faults({ dropAfterWriteNext: 1 });
    const response = await stack.api("/v1/disparity", { json: { imageId } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ cached: false });
    expect((await stack.stats()).creditsSpent).toBe(10);
  });

  it("wrong client credentials become upstream_auth_failed", async () => {
    const broken = await startStack({ backendEnv: { IMMERSITY_CLIENT_SECRET: "not-the-secret" } });
    try {
      const png = await scenePng(20, 20, 1);
      const imageId = await upload(broken, png, "image/png", sha256(png));
      const response = await broken.api("/v1/disparity", { json: { imageId } });
      expect(response.status).toBe(502);
      const problem = await problemOf(response);
      expect(problem.code).toBe("upstream_auth_failed");
      expect(JSON.stringify(problem)).not.toContain("not-the-secret");
      expect((await broken.stats()).calls.disparity ?? 0).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it("a token endpoint that fails is not remembered: the next call gets a token", async () => {
    const fresh = await startStack();
    try {
      await fresh.faults({ failTokenNext: 1 });
      const first = await fresh.api("/v1/prices");
      expect((await problemOf(first)).code).toBe("upstream_unavailable");
      const second = await fresh.api("/v1/prices");
      expect(second.status).toBe(200);
      expect((await fresh.stats()).tokenRequests).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});
