// The plugin in Chromium as a designer meets it: a 3D result made again as an animation, a batch of
// ten with the footer in view while the designer selects elsewhere, the window resized by keyboard,
// a cached rerun that changes nothing, rows that select their layer, and axe-core on every tab in
// both themes, reached by keyboard only.
import { encode } from "fast-png";
import type { Frame, FrameLocator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { skipWithoutChromium } from "../helpers/chromium.js";
import { TEST_API_KEY } from "../helpers/stack.js";
import { axeAudit } from "./axe-audit.js";
import { useE2ePage } from "./harness.js";
import type { HostOptions } from "./host/host-api.js";

const skip = skipWithoutChromium("the designer's flows in Chromium");
const short = { ...DEFAULT_SETTINGS.animation, animationLength: 1, outputFps: 5 as const };
// A left-to-right ramp, as a depth map an earlier run placed.
const DEPTH_PNG = Buffer.from(
  encode({ width: 48, height: 32, channels: 1, data: Uint8Array.from({ length: 48 * 32 }, (_, i) => (i % 48) * 5) }),
).toString("base64");

describe.skipIf(skip)("the designer's flows in Chromium", () => {
  const { e2e, page, host } = useE2ePage();

  const settings = (patch: Partial<Settings> = {}): Settings => ({
    ...DEFAULT_SETTINGS,
    backendUrl: e2e.stack.backend.url,
    apiKey: TEST_API_KEY,
    ...patch,
  });
  const calls = async () => {
    const stats = (await (await fetch(`${e2e.stack.emulator.url}/__emulator/stats`)).json()) as {
      calls: Record<string, number>;
    };
    return { disparity: stats.calls.disparity ?? 0, animation: stats.calls.animation ?? 0 };
  };

  async function open(options: Partial<HostOptions> = {}): Promise<FrameLocator> {
    const full: HostOptions = {
      command: "depth",
      theme: "light",
      settings: settings(),
      select: ["Photo"],
      ...options,
    };
    await host((h, o) => h.open(o as HostOptions), full);
    return page.frameLocator("iframe");
  }
  const uiFrame = (): Frame => page.frames().find((f) => f !== page.mainFrame())!;

  it(
    "makes a selected 3D result again as the same animation, after confirming its cost, and no depth map",
    { timeout: 90_000 },
    async () => {
      const ui = await open({
        command: "animation",
        settings: settings({ animation: { ...short, amplitudeX: 2 } }),
      });
      await ui.getByRole("button", { name: "Generate animation" }).click();
      await expect.poll(() => host((h) => h.notifications()), { timeout: 25_000 }).toEqual(["1 animation placed"]);
      const before = await calls();

      // The batch's end selected the result already; the designer clicks elsewhere and back.
      await host((h) => h.select(["Billboard"]));
      await expect.poll(() => ui.locator("li.item").first().textContent()).toMatch(/^Select Billboard/);
      await host((h) => h.select(["Photo — 3D"]));
      const row = ui.getByRole("list", { name: "Selected results" }).getByRole("listitem");
      await expect.poll(() => row.textContent()).toMatch(/Photo — 3D3D animation · MP4, 1 s, custom motion/);
      await ui.getByRole("button", { name: "Regenerate Photo — 3D" }).click();
      await expect.poll(() => ui.getByText(/Make Photo — 3D again .* Up to 20 credits\./).count()).toBe(1);
      expect(await calls()).toEqual(before);
      await ui.getByRole("button", { name: "Regenerate (20 credits)" }).click();
      await expect
        .poll(() => host((h) => h.notifications()), { timeout: 25_000 })
        .toEqual(["1 animation placed", "1 animation placed"]);

      // The estimate's upper bound counts a new depth map; the backend may reuse the stored one.
      const after = await calls();
      expect(after.animation).toBe(before.animation + 1);
      expect(after.disparity - before.disparity).toBeLessThanOrEqual(1);
      const results = await host((h) => h.results());
      expect(results.map((r) => [r.name, r.kind, r.fillType])).toEqual([["Photo — 3D", "animation", "VIDEO"]]);
      expect(await host((h) => h.undoSteps())).toBe(2);
    },
  );

  it(
    "keeps the footer in view at ten frames, and the batch on screen while the designer selects elsewhere",
    { timeout: 90_000 },
    async () => {
      await fetch(`${e2e.stack.emulator.url}/__emulator/faults`, {
        method: "POST",
        body: JSON.stringify({ latencyMs: 300 }),
        headers: { "content-type": "application/json" },
      });
      const names = Array.from({ length: 10 }, (_, i) => `Frame ${i + 1}`);
      const ui = await open({
        command: "animation",
        extraFrames: 10,
        select: names,
        settings: settings({ animation: short }),
      });
      await expect.poll(() => ui.locator("li.item").count()).toBe(10);
      await ui.getByRole("button", { name: "Advanced" }).click();
      const generate = ui.getByRole("button", { name: "Generate 10 animations" });
      // Boxes are in the page's coordinates; the plugin's window is the iframe, 600 px tall.
      const windowBox = (await page.locator("iframe").boundingBox())!;
      const inWindow = async () => {
        const box = (await generate.boundingBox())!;
        return box.y >= windowBox.y && box.y + box.height <= windowBox.y + windowBox.height;
      };
      expect(windowBox.height).toBe(600);
      expect(await inWindow()).toBe(true);
      await ui.getByRole("tab", { name: "Depth" }).click();
      await ui.getByRole("button", { name: "Generate 10 depth maps" }).click();
      // Above the 50 credits Settings asks about: the estimate is confirmed first.
      await ui.getByRole("button", { name: "Spend up to 100 credits" }).click();
      await expect.poll(() => ui.getByText(/^\d+ of 10 done/).isVisible()).toBe(true);

      await host((h) => h.select(["Photo"]));
      await new Promise((r) => setTimeout(r, 500));
      expect(await ui.locator("li.item").count()).toBe(10);
      await expect
        .poll(() => ui.getByRole("button", { name: "Select 10 results" }).isVisible(), {
          timeout: 30_000,
        })
        .toBe(true);
      expect(await ui.getByRole("status").textContent()).toBe("10 depth maps placed");
      expect(await host((h) => h.selection())).toEqual(["Photo"]);
    },
  );

  it("resizes the window from the keyboard, by steps and within its bounds, and keeps the size", async () => {
    const ui = await open();
    const size = async () => {
      const box = (await page.locator("iframe").boundingBox())!;
      return [box.width, box.height];
    };
    // The corner is the last stop of the Tab order, after the primary action (once it is enabled).
    const generate = ui.getByRole("button", { name: "Generate depth map" });
    await expect.poll(() => generate.isEnabled()).toBe(true);
    await generate.focus();
    await page.keyboard.press("Tab");
    type Focus = { document: { activeElement: { getAttribute(name: string): string | null } | null } };
    const focused = () =>
      uiFrame().evaluate(() => (globalThis as unknown as Focus).document.activeElement?.getAttribute("aria-label"));
    expect(await focused()).toBe("Resize window");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Shift+ArrowDown");
    await expect.poll(size).toEqual([370, 650]);
    // The iframe's own size is what the grip then describes.
    await expect.poll(() => ui.locator("#resize-help").textContent()).toMatch(/^Now 370 by 650 pixels\./);
    expect(await ui.getByText("370 by 650 pixels", { exact: true }).getAttribute("aria-live")).toBe("polite");
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Shift+ArrowLeft");
      await page.keyboard.press("Shift+ArrowUp");
    }
    await expect.poll(size).toEqual([300, 360]);
    expect(await ui.getByRole("button", { name: /^Generate/ }).isVisible()).toBe(true);

    await host((h, o) => h.open(o as HostOptions), { command: "depth", theme: "light", select: ["Photo"] });
    await expect.poll(size).toEqual([300, 360]);
  });

  it(
    "leaves a result alone when a rerun is answered from the cache and it is unchanged",
    { timeout: 60_000 },
    async () => {
      const ui = await open();
      const generate = ui.getByRole("button", { name: "Generate depth map" });
      await generate.click();
      await expect.poll(() => host((h) => h.notifications()), { timeout: 25_000 }).toEqual(["1 depth map placed"]);
      const placed = await host((h) => h.results());
      // An earlier test may have stored this depth map already: the rerun pays nothing more either way.
      const paid = await calls();
      expect([await host((h) => h.undoSteps()), (await host((h) => h.placeRequests())).length]).toEqual([1, 1]);

      await generate.click();
      await expect
        .poll(() => host((h) => h.notifications()), { timeout: 25_000 })
        .toEqual(["1 depth map placed", "1 depth map already up to date"]);
      expect(await ui.locator("li.item .item__meta").textContent()).toBe("Already up to date");
      expect([await host((h) => h.undoSteps()), (await host((h) => h.placeRequests())).length]).toEqual([1, 1]);
      expect(await host((h) => h.results())).toEqual(placed);
      expect(await calls()).toEqual(paid);
    },
  );

  it("selects and zooms to a row's layer from the keyboard, keeping the list", async () => {
    const ui = await open({ select: ["Photo", "Checkout screen"] });
    await expect.poll(() => ui.locator("li.item").count()).toBe(2);
    const row = ui.getByRole("button", { name: "Select Checkout screen" });
    await row.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => host((h) => h.selection())).toEqual(["Checkout screen"]);
    expect((await host((h) => h.zooms())).at(-1)).toEqual(["Checkout screen"]);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    await expect.poll(() => host((h) => h.selection())).toEqual(["Photo"]);
    expect(await ui.locator("li.item").count()).toBe(2);
  });

  for (const theme of ["light", "dark"] as const) {
    it(`has no serious or critical axe-core violations in any tab, reached by keyboard (${theme})`, async () => {
      // Photo has a depth map, so its row shows the map's picture and says so.
      const ui = await open({ theme, select: ["Photo", "Checkout screen"], depthMaps: { Photo: DEPTH_PNG } });
      await expect.poll(() => ui.locator("li.item").count()).toBe(2);
      await expect.poll(() => ui.locator("[data-depth-thumbnail] img").count()).toBe(1);
      const audit = await axeAudit(page);
      await ui.getByRole("tab", { name: "Depth" }).focus();
      expect(await audit()).toEqual([]);
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => ui.getByRole("tab", { name: "3D animation" }).getAttribute("aria-selected")).toBe("true");
      await page.keyboard.press("Tab");
      await ui.getByRole("button", { name: "Advanced" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => ui.getByRole("button", { name: "Advanced" }).getAttribute("aria-expanded")).toBe("true");
      expect(await audit()).toEqual([]);
      await ui.getByRole("tab", { name: "3D animation" }).focus();
      await page.keyboard.press("End");
      await expect.poll(() => ui.getByRole("tab", { name: "Settings" }).getAttribute("aria-selected")).toBe("true");
      expect(await audit()).toEqual([]);
    });
  }
});
