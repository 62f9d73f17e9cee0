// What the Chromium suites share: the built plugin and the host page served on 127.0.0.1, the
// real backend, emulator and local storage, one browser, and a typed way to call window.host.
import * as esbuild from "esbuild";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { build } from "../../scripts/build.js";
import { launchChromium } from "../helpers/chromium.js";
import { sceneImage } from "../helpers/images.js";
import { startStack, type Stack } from "../helpers/stack.js";
import type { Host } from "./host/host-api.js";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export interface E2e {
  hostUrl: string;
  stack: Stack;
  browser: Awaited<ReturnType<typeof launchChromium>>;
  close(): Promise<void>;
}

export async function startE2e(): Promise<E2e> {
  // Its own folder, so suites building at the same time cannot change what it serves.
  const outDir = await mkdtemp(path.join(tmpdir(), "depthframe-e2e-"));
  await build({ outDir });
  const bundle = await esbuild.build({
    entryPoints: [`${root}test/e2e/host/host.ts`],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    platform: "browser",
    loader: { ".css": "text" },
  });
  const photo = await sceneImage("png", 960, 640, 42);
  const served: Record<string, [string, () => Promise<string | Uint8Array>]> = {
    "/": ["text/html", () => readFile(`${root}test/e2e/host/index.html`, "utf8")],
    "/host.js": ["text/javascript", async () => bundle.outputFiles[0]!.text],
    "/dist/code.js": ["text/javascript", () => readFile(path.join(outDir, "code.js"), "utf8")],
    "/dist/ui.html": ["text/html", () => readFile(path.join(outDir, "ui.html"), "utf8")],
    "/canvas.json": ["application/json", async () => JSON.stringify({ photoBase64: photo.toString("base64") })],
    "/axe.js": ["text/javascript", () => readFile(`${root}node_modules/axe-core/axe.min.js`, "utf8")],
  };
  const files = createServer((request, response) => {
    const entry = served[new URL(request.url ?? "/", "http://x").pathname];
    if (!entry) return void response.writeHead(404).end();
    void entry[1]().then((body) => response.writeHead(200, { "content-type": entry[0] }).end(body));
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  const hostUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/`;
  const stack = await startStack();
  const browser = await launchChromium({ viewport: { width: 420, height: 680 } });
  return {
    hostUrl,
    stack,
    browser,
    async close() {
      await browser.dispose();
      await new Promise((resolve) => files.close(resolve));
      await stack.close();
    },
  };
}

/** Runs fn in the page with window.host (fn is sent as source, so it must not close over anything). */
export const callHost =
  (page: Page) =>
  <T>(fn: (host: Host, arg: never) => T | Promise<T>, arg?: unknown) =>
    page.evaluate(
      ([source, value]) =>
        new Function("host", "arg", `return (${source})(host, arg)`)(
          (globalThis as unknown as { host: Host }).host,
          value,
        ),
      [fn.toString(), arg] as const,
    ) as Promise<T>;

/** An object that forwards to whatever `current()` is when a member is used (methods bound to it). */
function forwarding<T extends object>(current: () => T | null, what: string): T {
  return new Proxy({} as T, {
    get(_, member) {
      const target = current();
      if (!target) throw new Error(`${what} exists only inside tests`);
      const value = Reflect.get(target, member) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A Chromium suite's set-up: one E2e for the file; before each test the emulator reset and, unless
 * `openPage` is false, a fresh page on the host; after each test the plugin closed and its page too.
 * `e2e` and `page` forward to the current ones, as useStack's stack does.
 * @example const { e2e, page, host } = useE2ePage();
 */
export function useE2ePage(options: { openPage?: boolean } = {}) {
  let e2e: E2e | null = null;
  let page: Page | null = null;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());
  beforeEach(async () => {
    await fetch(`${e2e!.stack.emulator.url}/__emulator/reset`, { method: "POST" });
    if (options.openPage !== false) await openPage();
  });
  afterEach(async () => {
    if (!page) return;
    await page.evaluate(() => (globalThis as unknown as { host: Host }).host.close());
    await page.close();
    page = null;
  });

  /** A new page on the host, made ready by `prepare` (media emulation, init scripts) before it loads. */
  async function openPage(prepare?: (page: Page) => Promise<void>): Promise<Page> {
    page = await e2e!.browser.newPage();
    await prepare?.(page);
    await page.goto(e2e!.hostUrl);
    return page;
  }

  const pageNow = forwarding(() => page, "the page");
  return {
    e2e: forwarding(() => e2e, "the e2e stack"),
    page: pageNow,
    openPage,
    host: <T>(fn: (host: Host, arg: never) => T | Promise<T>, arg?: unknown) => callHost(pageNow)(fn, arg),
  };
}

/** The emulator's paid calls by kind and the credits it charged, since its last reset. */
export async function spentAt(e2e: E2e) {
  const stats = await e2e.stack.stats();
  return { disparity: stats.calls.disparity ?? 0, animation: stats.calls.animation ?? 0, credits: stats.creditsSpent };
}

export const NOTHING_SPENT = { disparity: 0, animation: 0, credits: 0 };
