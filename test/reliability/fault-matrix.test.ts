// Immersity, its token endpoint, storage and the backend itself failing, injected through the
// emulator's control API over real HTTP: each fault has one defined outcome, and the emulator's
// counters show what was paid. The observed matrix is docs/reliability.md:
// UPDATE_RELIABILITY_DOC=1 writes it; every other run checks that it still says what is observed.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBackend } from "../../src/backend/node-server.js";
import { ResultResponse } from "../../src/shared/api.js";
import type { EmulatorFaults } from "../../src/shared/emulator.js";
import { Problem } from "../../src/shared/errors.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { manualDeadlines } from "../helpers/manual-deadlines.js";
import { until } from "../helpers/problems.js";
import { startStack, upload, type Stack } from "../helpers/stack.js";

const DOC = new URL("../../docs/reliability.md", import.meta.url);
const deadlines = manualDeadlines();
const LATENCY_MS = 1500;

interface Row {
  fault: string;
  outcome: string;
  answers: string[];
  credits: number;
  calls: number;
  tokens: number;
}
const rows: Row[] = [];

let stack: Stack;
let seed = 7000;
beforeAll(async () => {
  stack = await startStack({ backend: { deadline: deadlines.deadline } });
  // The backend holds a token from here on, so each case counts only the token requests it causes.
  expect((await stack.api("/v1/prices")).status).toBe(200);
});
afterAll(() => stack.close());
beforeEach(async () => {
  await fetch(`${stack.emulator.url}/__emulator/reset`, { method: "POST" });
});

async function images(target: Stack, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const png = await scenePng(32, 32, seed++);
    ids.push(await upload(target, png, "image/png", sha256(png)));
  }
  return ids;
}

/** One POST /v1/disparity, as the matrix writes it: "200", "200 cached", "429 rate_limited (Retry-After 3)". */
async function disparity(target: Stack, imageId: string): Promise<string> {
  const response = await target.api("/v1/disparity", { json: { imageId } });
  if (response.ok) return ResultResponse.parse(await response.json()).cached ? "200 cached" : "200";
  const problem = Problem.parse(await response.json());
  expect(response.status).toBe(problem.status);
  const retryAfter = response.headers.get("retry-after");
  return `${response.status} ${problem.code}${retryAfter ? ` (Retry-After ${retryAfter})` : ""}`;
}

async function counters(target: Stack) {
  const stats = await target.stats();
  return { credits: stats.creditsSpent, calls: stats.calls.disparity ?? 0, tokens: stats.tokenRequests };
}

/** Asserts the answers and the counters, and keeps them as a row of the matrix. */
async function observe(
  target: Stack,
  fault: string,
  outcome: string,
  answers: string[],
  expected: { answers: string[]; credits: number; calls: number; tokens: number },
) {
  const counted = await counters(target);
  expect({ answers, ...counted }).toEqual(expected);
  rows.push({ fault, outcome, answers, ...counted });
}

describe("the fault matrix", () => {
  it("token revoked mid-batch", async () => {
    const ids = await images(stack, 4);
    const answers: string[] = [];
    for (const [i, imageId] of ids.entries()) {
      if (i === 2) await stack.faults({ revokeTokens: true });
      answers.push(await disparity(stack, imageId));
    }
    await observe(
      stack,
      "Token revoked in the middle of a batch of 4 (after 2)",
      "All 4 done. The call refused with 401 (before any work) is made once more with a new token.",
      answers,
      { answers: ["200", "200", "200", "200"], credits: 40, calls: 5, tokens: 1 },
    );
  });

  it("402 in the middle of a batch", async () => {
    const ids = await images(stack, 4);
    await stack.faults({ credits: 20 });
    const answers: string[] = [];
    for (const imageId of ids) answers.push(await disparity(stack, imageId));
    await observe(
      stack,
      "Credits run out in the middle of a batch of 4 (enough for 2)",
      "The first 2 done; every later call refused with insufficient_credits before any work, none " +
        "retried. The plugin stops the rest of its batch with the same sentence at the first 402 " +
        "(src/ui/batch.ts).",
      answers,
      {
        answers: ["200", "200", "402 insufficient_credits", "402 insufficient_credits"],
        credits: 20,
        calls: 4,
        tokens: 0,
      },
    );
  });

  // One fault, then the plugin's retry of the same request.
  const faultThenRetry: Array<{
    fault: string;
    inject: EmulatorFaults;
    outcome: string;
    answers: string[];
    credits: number;
    calls: number;
    tokens?: number;
  }> = [
    {
      fault: "Token endpoint down (503) when the token must be renewed; the plugin's retry",
      inject: { revokeTokens: true, failTokenNext: 1 },
      outcome:
        "upstream_unavailable, nothing spent; the failed token request is not remembered, so the retry " +
        "gets a token and succeeds.",
      answers: ["502 upstream_unavailable", "200"],
      credits: 10,
      calls: 2,
      tokens: 2,
    },
    {
      fault: "Immersity answers 429 with Retry-After: 3; the plugin's retry",
      inject: { failNext: { status: 429, count: 1, retryAfterS: 3 } },
      outcome:
        "rate_limited with Immersity's Retry-After passed on, nothing spent, no retry by the backend. " +
        "The plugin waits that long and asks again by itself (src/ui/run-item.ts).",
      answers: ["429 rate_limited (Retry-After 3)", "200"],
      credits: 10,
      calls: 2,
    },
    ...([500, 503] as const).map((status) => ({
      fault: `Immersity answers ${status}; the plugin's retry`,
      inject: { failNext: { status, count: 1 } },
      outcome: "upstream_unavailable, nothing spent, no retry by the backend; the plugin's retry succeeds.",
      answers: ["502 upstream_unavailable", "200"],
      credits: 10,
      calls: 2,
    })),
    {
      fault: "Immersity never answers (past IMMERSITY_TIMEOUT_MS); the plugin's retry",
      inject: { hangNext: 1 },
      outcome:
        "upstream_timeout once the timeout passes; the abandoned call wrote nothing and cost nothing; " +
        "the retry succeeds.",
      answers: ["504 upstream_timeout", "200"],
      credits: 10,
      calls: 2,
    },
    {
      fault: "Immersity writes the result, then drops the connection without answering; the plugin asks again",
      inject: { dropAfterWriteNext: 1 },
      outcome:
        "The backend finds the written result, checks it and answers with it; the repeat is answered from storage.",
      answers: ["200", "200 cached"],
      credits: 10,
      calls: 1,
    },
    {
      fault: "Immersity answers 200 without writing a result; the plugin's retry",
      inject: { skipWriteNext: 1 },
      outcome:
        "upstream_incomplete and nothing cached. Immersity charged for the call that wrote nothing; the " +
        "backend cannot get that back, and the retry pays again.",
      answers: ["502 upstream_incomplete", "200"],
      credits: 20,
      calls: 2,
    },
    {
      fault: "Storage refuses Immersity's PUT of the result (403); the plugin's retry",
      inject: { refusedWriteNext: 1 },
      outcome:
        "Immersity reports the failed write (500): upstream_unavailable, nothing stored, nothing spent; " +
        "the retry succeeds.",
      answers: ["502 upstream_unavailable", "200"],
      credits: 10,
      calls: 2,
    },
  ];

  for (const c of faultThenRetry) {
    it(c.fault, async () => {
      const [imageId] = await images(stack, 1);
      await stack.faults(c.inject);
      const first = disparity(stack, imageId!);
      if (c.inject.hangNext) {
        await expect.poll(async () => (await counters(stack)).calls).toBe(1);
        deadlines.pass();
      }
      const answers = [await first, await disparity(stack, imageId!)];
      await observe(stack, c.fault, c.outcome, answers, {
        answers: c.answers,
        credits: c.credits,
        calls: c.calls,
        tokens: c.tokens ?? 0,
      });
    });
  }

  // Restart: the backend is closed while Immersity holds the call, and a new one starts on the same
  // port and storage folder, so Immersity's write lands in the storage the new backend reads.
  for (const retry of ["after the result is written", "while Immersity still works on the first call"] as const) {
    it(`backend restarted in the middle of a job, retry ${retry}`, async () => {
      const slow = await startStack({ emulatorEnv: { EMULATOR_LATENCY_MS: String(LATENCY_MS) } });
      let restarted: Awaited<ReturnType<typeof startBackend>> | null = null;
      try {
        const [imageId] = await images(slow, 1);
        const first = disparity(slow, imageId!).catch(() => "connection lost");
        await until(async () => (await slow.stats()).calls.disparity === 1);
        await slow.backend.close(0);
        restarted = await startBackend(
          { ...slow.config, port: Number(new URL(slow.backend.url).port) },
          slow.backend.logger,
        );
        const results = path.join(slow.storageDir, "objects", "results");
        if (retry === "after the result is written")
          await until(async () => (await readdir(results).catch(() => [])).length === 1);
        else expect((await slow.stats()).creditsSpent).toBe(0);
        // Early, the first call still finishes first: it reached Immersity a restart's time before the retry's.
        const answers = [await first, await disparity(slow, imageId!)];
        await observe(
          slow,
          `Backend restarted while Immersity works on a call (latency ${LATENCY_MS} ms); the plugin retries ${retry}`,
          retry === "after the result is written"
            ? "The first request loses its connection; Immersity's write lands in the storage the new backend " +
                "reads, and the retry is answered from it at no cost."
            : "The first request loses its connection; the stopped backend leaves the call's lease in storage, so " +
                "the new backend waits for the result Immersity writes instead of calling, checks it and answers " +
                "with it.",
          answers,
          { answers: ["connection lost", "200 cached"], credits: 10, calls: 1, tokens: 1 },
        );
      } finally {
        await restarted?.close(0);
        await slow.close();
      }
    });
  }

  it("two backends on one storage receive the same request at once", async () => {
    const slow = await startStack({ emulatorEnv: { EMULATOR_LATENCY_MS: String(LATENCY_MS) } });
    const second = await startBackend({ ...slow.config, port: 0 }, slow.backend.logger);
    try {
      const [imageId] = await images(slow, 1);
      const other: Stack = { ...slow, api: (route, init) => slow.api(route, init, second.url) };
      const answers = await Promise.all([disparity(slow, imageId!), disparity(other, imageId!)]);
      await observe(
        slow,
        `Two backends on one storage receive the same request at once (latency ${LATENCY_MS} ms)`,
        "One claims the result's lease in storage and calls; the other finds the lease, waits and answers with the " +
          "result the call wrote.",
        answers.sort(),
        { answers: ["200", "200 cached"], credits: 10, calls: 1, tokens: 1 },
      );
    } finally {
      await second.close(0);
      await slow.close();
    }
  });

  it("docs/reliability.md is what this run observed", async () => {
    const observed = reliabilityDoc(rows);
    if (process.env.UPDATE_RELIABILITY_DOC === "1") await writeFile(DOC, observed);
    expect(await readFile(DOC, "utf8")).toBe(observed);
  });
});

const cell = (text: string) => text.replaceAll("|", "\\|");

function reliabilityDoc(observed: Row[]): string {
  const table = observed.map(
    (r) =>
      `| ${cell(r.fault)} | ${cell(r.outcome)} | ${r.answers.map(cell).join(" → ")} | ${r.credits} | ${r.calls} | ` +
      `${r.tokens} |`,
  );
  return `# Reliability

What the backend does when Immersity, its token endpoint, storage or the backend itself fail. Every
row is a case of \`test/reliability/fault-matrix.test.ts\`: the fault is injected through the
emulator's control API (\`src/shared/emulator.ts\`), the requests go over real HTTP on 127.0.0.1, and
the figures are the emulator's own counters. This page is written by that test from what it
observed:

\`\`\`sh
UPDATE_RELIABILITY_DOC=1 npx vitest run test/reliability/fault-matrix.test.ts
\`\`\`

and every \`npm test\` fails when the page no longer says what the run observes.

Columns: the answers to the plugin's \`POST /v1/disparity\` requests in order (HTTP status and
problem code); the credits Immersity charged for the whole case (10 a call); the disparity calls it
received; the token requests the case caused.

| fault | outcome | answers | credits | calls | token requests |
| --- | --- | --- | --- | --- | --- |
${table.join("\n")}

## What holds in every case

- The backend never repeats a call that may have spent credits. Only a 401, which Immersity answers
  before any work, is made once more, with a new token.
- A result is stored only once it is checked (a complete image of the input's size); a failed call
  leaves nothing that a later request would take for a result.
- A result Immersity wrote is found and used, also when the answer that should have said so was
  lost, and every later request for it is answered from storage at no cost.
- One case costs an image twice: Immersity charging for a call that wrote nothing. The backend
  cannot know it beforehand, nor get the credits back, and the retry is a new call.
- Identical requests share one call within a process, and across processes and restarts through a
  lease on the result in the shared storage (\`src/backend/jobs/result-lease.ts\`): an instance that
  finds another's lease waits for its result instead of calling. A lease whose holder died lapses
  after the call's timeout and 5 s, and is then taken over.

Bad input (\`test/reliability/bad-input.test.ts\`), rate limits, secrets, graceful shutdown and
local storage housekeeping have suites of their own in \`test/reliability/\`.
`;
}
