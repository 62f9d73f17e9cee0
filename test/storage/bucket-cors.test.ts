// The bucket CORS rules in docs/deploy.md, proven in Chromium. A page's sandboxed iframe (origin
// null, like the plugin's UI in Figma) asks a backend for an upload URL, PUTs the image to the
// bucket with XMLHttpRequest and the headers it was handed (as the plugin does), has the depth map
// made, and reads it from the bucket. With the rule, exactly as documented, that works on the S3
// server and on Azurite; without it, the upload fails.
import { type CORSConfiguration } from "@aws-sdk/client-s3";
import type { CorsRule } from "@azure/storage-blob";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenePng, sha256 } from "../helpers/images.js";
import { startStack, TEST_API_KEY, type Stack } from "../helpers/stack.js";
import { startAzurite, startS3rver, type AzuriteServer, type S3Server } from "../helpers/storage-servers.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";

const skip = skipWithoutChromium("bucket CORS in Chromium");

/** The code block that follows `<!-- cors-rule:NAME -->` in docs/deploy.md. */
async function documentedRule(name: string): Promise<string> {
  const doc = await readFile(new URL("../../docs/deploy.md", import.meta.url), "utf8");
  const block = new RegExp(`<!-- cors-rule:${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(doc)?.[1];
  if (!block) throw new Error(`docs/deploy.md has no block after <!-- cors-rule:${name} -->`);
  return block;
}

/** The rule an `az storage cors add` command sets, as the SDK writes it to the account. */
function azureRuleOf(command: string): CorsRule {
  const tokens = (command.replace(/\\\n/g, " ").match(/'[^']*'|\S+/g) ?? []).map((t) => t.replace(/^'(.*)'$/, "$1"));
  const values = (flag: string) => {
    const at = tokens.indexOf(`--${flag}`);
    if (at < 0) return [];
    const end = tokens.findIndex((t, i) => i > at && t.startsWith("--"));
    return tokens.slice(at + 1, end < 0 ? undefined : end);
  };
  return {
    allowedOrigins: values("origins").join(","),
    allowedMethods: values("methods").join(","),
    allowedHeaders: values("allowed-headers").join(","),
    exposedHeaders: values("exposed-headers").join(","),
    maxAgeInSeconds: Number(values("max-age")[0] ?? 0),
  };
}

interface Task {
  name: string;
  backend: string;
  png: string;
  sha256: string;
}

interface Outcome {
  name: string;
  origin?: string;
  uploadUrl?: string;
  put?: number;
  disparity?: string;
  read?: number;
  readBytes?: number;
  error?: string;
}

// Runs in the sandboxed iframe: the plugin's upload path, with nothing but the browser's own APIs.
const FRAME_SCRIPT = `
const { tasks, apiKey } = JSON.parse(document.getElementById("tasks").textContent);
const bytesOf = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const post = (task, path, body) =>
  fetch(task.backend + path, {
    method: "POST",
    headers: { authorization: "Bearer " + apiKey, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => r.json());
const put = (url, headers, bytes) => new Promise((resolve) => {
  const xhr = new XMLHttpRequest();
  xhr.open("PUT", url);
  for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = () => {};
  xhr.onload = () => resolve(xhr.status);
  xhr.onerror = () => resolve(0);
  xhr.send(bytes);
});
async function run(task) {
  const bytes = bytesOf(task.png);
  const outcome = { name: task.name, origin: self.origin };
  const created = await post(task, "/v1/uploads", {
    sha256: task.sha256,
    contentType: "image/png",
    size: bytes.length,
  });
  outcome.uploadUrl = created.upload.url;
  outcome.put = await put(created.upload.url, created.upload.headers, bytes);
  if (outcome.put < 200 || outcome.put > 299) return outcome;
  const result = await post(task, "/v1/disparity", { imageId: created.imageId });
  outcome.disparity = result.code || "ok";
  try {
    const read = await fetch(result.url);
    outcome.read = read.status;
    outcome.readBytes = (await read.arrayBuffer()).byteLength;
  } catch (error) {
    outcome.read = 0;
  }
  return outcome;
}
(async () => {
  const outcomes = [];
  for (const task of tasks) {
    outcomes.push(await run(task).catch((error) => ({ name: task.name, error: String(error) })));
  }
  parent.postMessage(outcomes, "*");
})();
`;

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;

describe.skipIf(skip)("bucket CORS in Chromium, from a null-origin iframe", () => {
  let s3: S3Server;
  let azurite: AzuriteServer;
  const stacks: Stack[] = [];
  let pages: Server;
  let pagesUrl = "";
  let frameTasks: Task[] = [];
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    [s3, azurite] = await Promise.all([startS3rver(), startAzurite()]);
    await Promise.all([
      s3.createBucket("with-rule", JSON.parse(await documentedRule("s3")) as CORSConfiguration),
      s3.createBucket("without-rule"),
      azurite.createContainer("cors"),
    ]);
    const first = await startStack({ backendEnv: s3.env("with-rule") });
    const shared = { ...first.emulator, close: async () => {} };
    stacks.push(
      first,
      await startStack({ backendEnv: s3.env("without-rule"), emulator: shared }),
      await startStack({ backendEnv: azurite.env("cors"), emulator: shared }),
    );
    pages = createServer((request, response) => {
      const html =
        request.url === "/frame"
          ? page(
              `<script type="application/json" ` +
                `id="tasks">${JSON.stringify({ tasks: frameTasks, apiKey: TEST_API_KEY })}</script>` +
                `<script>${FRAME_SCRIPT}</script>`,
            )
          : page(
              `<script>addEventListener("message", (e) => { window.outcomes = e.data; });</script><iframe ` +
                `sandbox="allow-scripts" src="/frame"></iframe>`,
            );
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    });
    await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
    pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.dispose();
    await new Promise((resolve) => (pages ? pages.close(resolve) : resolve(undefined)));
    await Promise.all(stacks.map((stack) => stack.close()));
    await Promise.all([s3?.close(), azurite?.close()]);
  });

  let seed = 7000;
  async function uploadFromIframe(targets: Array<{ name: string; stack: Stack }>): Promise<Outcome[]> {
    frameTasks = await Promise.all(
      targets.map(async ({ name, stack }) => {
        const png = await scenePng(40, 30, seed++);
        return { name, backend: stack.backend.url, png: png.toString("base64"), sha256: sha256(png) };
      }),
    );
    const tab = await browser.newPage();
    try {
      await tab.goto(pagesUrl);
      await tab.waitForFunction(
        () => (globalThis as unknown as { outcomes?: unknown }).outcomes !== undefined,
        undefined,
        { timeout: 0 },
      );
      return await tab.evaluate(() => (globalThis as unknown as { outcomes: Outcome[] }).outcomes);
    } finally {
      await tab.close();
    }
  }

  it("the documented Azure rule is the one the tests apply", async () => {
    expect(azureRuleOf(await documentedRule("azure"))).toEqual({
      allowedOrigins: "*",
      allowedMethods: "PUT,GET,HEAD",
      allowedHeaders: "content-type,x-ms-blob-type",
      exposedHeaders: "",
      maxAgeInSeconds: 3600,
    });
  });

  it("fails to upload to a bucket or account without the rule", async () => {
    const [, s3WithoutRule, azure] = stacks as [Stack, Stack, Stack];
    const outcomes = await uploadFromIframe([
      { name: "s3 without rule", stack: s3WithoutRule },
      { name: "azure before the rule", stack: azure },
    ]);
    for (const outcome of outcomes) expect(outcome, outcome.name).toMatchObject({ origin: "null", put: 0 });
  });

  it("uploads, and reads the result back, with the documented rule on S3 and on Azure", async () => {
    await azurite.setCors([azureRuleOf(await documentedRule("azure"))]);
    const [s3WithRule, , azure] = stacks as [Stack, Stack, Stack];
    const outcomes = await uploadFromIframe([
      { name: "s3", stack: s3WithRule },
      { name: "azure", stack: azure },
    ]);
    const [onS3, onAzure] = outcomes;
    expect(onS3?.uploadUrl?.startsWith(`${s3.endpoint}/with-rule/`)).toBe(true);
    expect(onAzure?.uploadUrl?.startsWith(`${azurite.endpoint}/cors/`)).toBe(true);
    for (const outcome of outcomes) {
      expect(outcome, outcome.name).toMatchObject({ origin: "null", disparity: "ok", read: 200 });
      expect([200, 201]).toContain(outcome.put);
      expect(outcome.readBytes).toBeGreaterThan(100);
    }
  });
});
