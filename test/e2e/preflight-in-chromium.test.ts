// Before anything is spent, in Chromium through the project's host (the plugin's iframe has origin
// null, as in Figma): the backend checked when the plugin opens, one banner for a wrong key or a
// backend that is down with the footer still in the 600 px window, the confirm above the spending
// threshold, and Settings telling a server that is not a Depthframe backend from a dead address.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FrameLocator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { skipWithoutChromium } from "../helpers/chromium.js";
import { TEST_API_KEY } from "../helpers/stack.js";
import { axeAudit } from "./axe-audit.js";
import { useE2ePage } from "./harness.js";
import type { HostOptions } from "./host/host-api.js";

const skip = skipWithoutChromium("the preflight in Chromium");
const TEN = Array.from({ length: 10 }, (_, i) => `Frame ${i + 1}`);
const DOWN = "http://127.0.0.1:9";

describe.skipIf(skip)("before anything is spent, in Chromium", () => {
  const { e2e, page, host } = useE2ePage();
  // A web server that answers everything with a page and no CORS headers, as most servers do.
  let other: Server;
  let otherUrl = "";

  beforeAll(async () => {
    other = createServer((_request, response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Welcome</title>"),
    );
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  // Chromium keeps its connections to this server alive; they are ended with it.
  afterAll(
    () =>
      new Promise((resolve) => {
        other?.close(resolve);
        other?.closeAllConnections();
      }),
  );

  const settings = (patch: Partial<Settings> = {}): Settings => ({
    ...DEFAULT_SETTINGS,
    backendUrl: e2e.stack.backend.url,
    apiKey: TEST_API_KEY,
    ...patch,
  });
  const paidCalls = async () => {
    const stats = (await (await fetch(`${e2e.stack.emulator.url}/__emulator/stats`)).json()) as {
      calls: Record<string, number>;
    };
    return (stats.calls.disparity ?? 0) + (stats.calls.animation ?? 0);
  };

  async function open(options: Partial<HostOptions> = {}): Promise<FrameLocator> {
    const full: HostOptions = { command: "depth", theme: "light", settings: settings(), select: ["Photo"], ...options };
    await host((h, o) => h.open(o as HostOptions), full);
    return page.frameLocator("iframe");
  }

  /** Whether the element lies wholly inside the plugin's window, the iframe. */
  async function inWindow(ui: FrameLocator, name: string) {
    const window = (await page.locator("iframe").boundingBox())!;
    const box = (await ui.getByRole("button", { name }).boundingBox())!;
    return window.height === 600 && box.y >= window.y && box.y + box.height <= window.y + window.height;
  }

  for (const theme of ["light", "dark"] as const) {
    it(
      `says once that the key is refused, with the footer in view at ten frames, and axe finds nothing serious ` +
        `(${theme})`,
      async () => {
        const ui = await open({
          theme,
          settings: settings({ apiKey: "wrong-key-0123456789abcdef" }),
          extraFrames: 10,
          select: TEN,
        });
        await expect.poll(() => ui.locator("li.item").count()).toBe(10);
        await expect
          .poll(() => ui.getByRole("alert").textContent())
          .toBe("The backend refused the API key: check the key in Settings.");
        expect(await ui.getByText(/^No estimate: the backend's prices could not be read/).count()).toBe(1);
        expect(await ui.getByRole("button", { name: "Generate 10 depth maps" }).isDisabled()).toBe(true);
        expect(await inWindow(ui, "Generate 10 depth maps")).toBe(true);
        const audit = await axeAudit(page);
        expect(await audit()).toEqual([]);

        await ui.getByRole("button", { name: "Open Settings" }).click();
        await expect.poll(() => ui.getByRole("tab", { name: "Settings" }).getAttribute("aria-selected")).toBe("true");
        await expect
          .poll(() => ui.getByTestId("connection").textContent())
          .toBe("The backend refused the API key: check the key above.");
        expect(await ui.getByRole("alert").count()).toBe(0);
        expect(await audit()).toEqual([]);
        expect(await paidCalls()).toBe(0);
      },
    );
  }

  it("says once that the backend is down, before anything is sent, and checks again on request", async () => {
    const ui = await open({ settings: settings({ backendUrl: DOWN }), extraFrames: 10, select: TEN });
    const sentence =
      `The backend at ${DOWN} cannot be reached: check the URL in Settings and that the backend is ` + `running.`;
    await expect.poll(() => ui.getByRole("alert").textContent()).toBe(sentence);
    await ui.getByRole("button", { name: "Check again" }).click();
    await expect.poll(() => ui.locator(".banner[aria-busy]").count()).toBe(0);
    expect(await ui.getByRole("alert").textContent()).toBe(sentence);
    expect(await ui.getByText(sentence).count()).toBe(1);
    expect(await ui.getByRole("button", { name: "Generate 10 depth maps" }).isDisabled()).toBe(true);
    expect(await inWindow(ui, "Generate 10 depth maps")).toBe(true);
    expect(await ui.locator("li.item[data-status=idle]").count()).toBe(10);
  });

  it("asks before a spend above the threshold, showing the estimate, and not at it", { timeout: 90_000 }, async () => {
    let ui = await open({ extraFrames: 10, select: TEN });
    await ui.getByRole("button", { name: "Generate 10 depth maps" }).click();
    await expect
      .poll(() => ui.locator(".footer .confirm").textContent())
      .toBe(
        "Generate 10 depth maps? Up to 100 credits (10 per image; stored results are free): more than 50, the " +
          "limit set in Settings for asking first.",
      );
    expect(await inWindow(ui, "Spend up to 100 credits")).toBe(true);
    expect(await (await axeAudit(page))()).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await paidCalls()).toBe(0);
    await ui.getByRole("button", { name: "Back" }).click();
    expect(await ui.locator(".footer .confirm").count()).toBe(0);
    await host((h) => h.close());

    // Five frames cost 50 credits, the threshold itself: no question.
    ui = await open({ extraFrames: 5, select: TEN.slice(0, 5) });
    await expect.poll(() => ui.getByText(/^Up to 50 credits/).count()).toBe(1);
    await ui.getByRole("button", { name: "Generate 5 depth maps" }).click();
    await expect.poll(() => ui.getByText(/^\d+ of 5 done/).isVisible()).toBe(true);
    expect(await ui.locator(".footer .confirm").count()).toBe(0);
    await expect.poll(() => host((h) => h.notifications()), { timeout: 60_000 }).toEqual(["5 depth maps placed"]);
  });

  it("tells in Settings a server that is not a Depthframe backend from an address where nothing answers", async () => {
    const ui = await open({ command: "settings" });
    const url = ui.getByPlaceholder("https://depth.example.com");
    const status = ui.getByTestId("connection");
    await expect.poll(() => status.textContent()).toMatch(/^Connected to backend/);

    await url.fill(otherUrl);
    expect(await status.count()).toBe(0);
    await ui.getByRole("button", { name: "Test connection" }).click();
    await expect
      .poll(() => status.textContent())
      .toBe(
        `The address ${otherUrl} answers, but it is not a Depthframe backend (it does not let the plugin read its ` +
          `answers): check the URL above.`,
      );
    expect(await (await axeAudit(page))()).toEqual([]);

    await url.fill(DOWN);
    expect(await status.count()).toBe(0);
    await ui.getByRole("button", { name: "Test connection" }).click();
    await expect
      .poll(() => status.textContent())
      .toBe(`The backend at ${DOWN} cannot be reached: check the URL above and that the backend is running.`);
  });
});
