// The plugin in Chromium as a designer meets it: a 3D result made again as an animation, a batch of
// ten with the footer in view while the designer selects elsewhere, and axe-core on every tab in
// both themes, reached by keyboard only.
import { readFile } from "node:fs/promises";
import type { Frame, FrameLocator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { skipWithoutChromium } from "../helpers/chromium.js";
import { TEST_API_KEY } from "../helpers/stack.js";
import { root, useE2ePage } from "./harness.js";
import type { HostOptions } from "./host/host-api.js";

const skip = skipWithoutChromium("the designer's flows in Chromium");
const short = { ...DEFAULT_SETTINGS.animation, animationLength: 1, outputFps: 5 as const };

describe.skipIf(skip)("the designer's flows in Chromium", () => {
  const { e2e, page, host } = useE2ePage();
  let axeSource = "";

  beforeAll(async () => {
    axeSource = await readFile(`${root}node_modules/axe-core/axe.min.js`, "utf8");
  });
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
      await expect.poll(() => ui.locator("li.item").first().textContent()).toMatch(/^Billboard/);
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

  for (const theme of ["light", "dark"] as const) {
    it(`has no serious or critical axe-core violations in any tab, reached by keyboard (${theme})`, async () => {
      const ui = await open({ theme, select: ["Photo", "Checkout screen"] });
      await expect.poll(() => ui.locator("li.item").count()).toBe(2);
      await uiFrame().addScriptTag({ content: axeSource });
      const audit = () =>
        uiFrame().evaluate(async () => {
          const axe = (
            globalThis as unknown as {
              axe: {
                run(): Promise<{
                  violations: Array<{
                    id: string;
                    impact: string;
                    nodes: Array<{ target: string[] }>;
                  }>;
                }>;
              };
            }
          ).axe;
          const { violations } = await axe.run();
          return violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map(
              (v) =>
                `${v.id}: ${v.nodes.map((n) => n.target.join(" ") + " " + (n as unknown as { failureSummary: string }).failureSummary).join(", ")}`,
            );
        });
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
