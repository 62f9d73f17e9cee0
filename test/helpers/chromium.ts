// Debian's Chromium driven by playwright-core, launched as this machine allows (no sandbox as root,
// no background networking on a closed network). Without the browser, suites skip loudly; with
// CI=true they fail instead.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const INSTALL = "apt-get update && apt-get install -y chromium";
export const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === "true";

/** True when the suite should not run; says so loudly. */
export function skipWithoutChromium(suite: string): boolean {
  if (haveChromium || inCi) return false;
  console.warn(`\n*** SKIPPED: ${suite}. ${CHROMIUM} is missing; install it with: ${INSTALL}\n`);
  return true;
}

export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext & { dispose(): Promise<void> }> {
  if (!haveChromium)
    throw new Error(
      `${CHROMIUM} is missing, and with CI=true this fails rather than skips. Install it with: ${INSTALL}`,
    );
  const profile = await mkdtemp(path.join(tmpdir(), "depthframe-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return Object.assign(context, {
    async dispose() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  });
}
