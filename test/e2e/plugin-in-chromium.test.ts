// The built plugin in real Chromium: dist/ui.html in a sandboxed iframe (origin null), dist/code.js
// against the fake figma in the page, and the real backend, emulator and local storage on 127.0.0.1.
import { decode } from "fast-png";
import { mkdir, writeFile } from "node:fs/promises";
import type { FrameLocator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { skipWithoutChromium } from "../helpers/chromium.js";
import { TEST_API_KEY, type Stack } from "../helpers/stack.js";
import { root, useE2ePage } from "./harness.js";
import type { HostOptions, PlacedResult } from "./host/host-api.js";

const skip = skipWithoutChromium("the plugin in Chromium");
const shots = `${root}test-results/e2e/`;
// Set to refresh the screenshots the README shows.
const docImages = process.env.UPDATE_DOC_IMAGES ? `${root}docs/images/` : null;

describe.skipIf(skip)("the plugin in Chromium, hosted like Figma hosts it", () => {
  const { e2e, page, host } = useE2ePage();
  let stack: Stack;

  beforeAll(async () => {
    ({ stack } = e2e);
    await mkdir(shots, { recursive: true });
  });

  const settings = (patch: Partial<Settings> = {}): Settings => ({
    ...DEFAULT_SETTINGS,
    backendUrl: stack.backend.url,
    apiKey: TEST_API_KEY,
    ...patch,
  });
  const faults = (body: object) =>
    fetch(`${stack.emulator.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });

  async function open(options: Partial<HostOptions> = {}): Promise<FrameLocator> {
    const full: HostOptions = {
      command: "depth",
      theme: "light",
      settings: settings(),
      select: ["Photo", "Checkout screen", "Billboard"],
      ...options,
    };
    await host((h, o) => h.open(o as HostOptions), full);
    return page.frameLocator("iframe");
  }

  const statuses = (ui: FrameLocator) =>
    ui.locator("li.item").evaluateAll((items) => items.map((i) => i.getAttribute("data-status")));
  async function waitForStatuses(ui: FrameLocator, expected: string[]) {
    await expect.poll(() => statuses(ui), { timeout: 25_000, interval: 100 }).toEqual(expected);
  }

  async function screenshot(name: string) {
    const image = await page.screenshot();
    await writeFile(`${shots}${name}.png`, image);
    if (docImages) await writeFile(`${docImages}${name}.png`, image);
  }

  const pngSize = (result: PlacedResult) => {
    const png = decode(Buffer.from(result.fillBase64, "base64"));
    return [png.width, png.height];
  };

  it("makes three depth maps and places them as image fills of the right size", async () => {
    const ui = await open();
    await expect.poll(() => ui.locator("li.item").count()).toBe(3);
    await expect.poll(() => ui.getByText(/Up to 30 credits/).count()).toBe(1);
    await screenshot("selection");
    await ui.getByRole("button", { name: "Generate 3 depth maps" }).click();
    await expect.poll(() => statuses(ui).then((s) => s.some((x) => x !== "queued" && x !== "idle"))).toBe(true);
    await screenshot("batch-in-progress");
    await waitForStatuses(ui, ["done", "done", "done"]);
    await screenshot("results");

    const placed = await host((h) => h.results());
    const bySource = Object.fromEntries(placed.map((r) => [r.sourceName, r]));
    expect(Object.keys(bySource).sort()).toEqual(["Billboard", "Checkout screen", "Photo"]);
    expect(bySource.Photo!.name).toBe("Photo — Depth");
    // The photo went as its own bytes (960 × 640); the others as exports with a 2048 px long side.
    expect(pngSize(bySource.Photo!)).toEqual([960, 640]);
    expect(pngSize(bySource["Checkout screen"]!)).toEqual([946, 2048]);
    expect(pngSize(bySource.Billboard!)).toEqual([2048, 683]);
    expect([bySource.Photo!.width, bySource.Photo!.height]).toEqual([480, 320]);
    expect(await host((h) => h.undoSteps())).toBe(3);
    await expect.poll(() => host((h) => h.notifications())).toEqual(["3 depth maps placed"]);
  });

  it("cancels in the middle of a batch: nothing half-placed, the rest cancelled", async () => {
    await faults({ latencyMs: 3000 });
    const ui = await open({ settings: settings({ concurrency: 1 }) });
    await expect.poll(() => ui.locator("li.item").count()).toBe(3);
    await ui.getByRole("checkbox", { name: /Make new results/ }).check();
    await ui.getByRole("button", { name: "Generate 3 depth maps" }).click();
    await expect.poll(() => statuses(ui), { timeout: 15_000 }).toEqual(["generating", "queued", "queued"]);
    await ui.getByRole("button", { name: "Cancel" }).click();
    await waitForStatuses(ui, ["cancelled", "cancelled", "cancelled"]);
    expect(await host((h) => h.results())).toEqual([]);
    expect(await host((h) => h.undoSteps())).toBe(0);
  });

  for (const [name, setup, sentence] of [
    [
      "a wrong key",
      { apiKey: "wrong-key-0123456789abcdef" },
      "The backend refused the API key: check the key in Settings.",
    ],
    ["an empty account", {}, "The Immersity account is out of credits: buy more at immersity.ai, then retry."],
    [
      "a backend that is down",
      { backendUrl: "http://127.0.0.1:9" },
      "The backend at http://127.0.0.1:9 cannot be reached: check the URL in Settings and that the backend is running.",
    ],
  ] as const) {
    it(`shows the right sentence for ${name}`, async () => {
      if (name === "an empty account") await faults({ credits: 0 });
      const ui = await open({ settings: settings(setup), select: ["Photo"] });
      await expect.poll(() => ui.locator("li.item").count()).toBe(1);
      await ui.getByRole("checkbox", { name: /Make new results/ }).check();
      await ui.getByRole("button", { name: "Generate depth map" }).click();
      await waitForStatuses(ui, ["error"]);
      await expect.poll(() => ui.locator("li.item .item__meta").textContent()).toBe(sentence);
      if (name === "an empty account") await screenshot("error");
    });
  }

  it("exports a frame wider than 4096 px and places its result within Figma's limits", async () => {
    const ui = await open({ settings: settings({ targetSize: 4096 }), select: ["Billboard"] });
    await expect.poll(() => ui.locator("li.item").count()).toBe(1);
    await ui.getByRole("button", { name: "Generate depth map" }).click();
    await waitForStatuses(ui, ["done"]);
    const exported = (await host((h) => h.exports())).filter((e) => e.width > 128);
    expect(exported).toEqual([{ width: 4096, height: 1365 }]);
    const [result] = await host((h) => h.results());
    expect(pngSize(result!)).toEqual([4096, 1365]);
    expect([result!.width, result!.x]).toEqual([6000, 6040]);
  });

  it("keeps settings in clientStorage across a reopening of the plugin", async () => {
    let ui = await open({ command: "settings" });
    const url = ui.getByPlaceholder("https://depth.example.com");
    await url.fill("https://depth.example.org");
    await ui.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => ui.getByRole("button", { name: "Saved" }).count()).toBe(1);
    await host((h) => h.close());

    ui = await open({ command: "settings", settings: undefined });
    await expect
      .poll(() => ui.getByPlaceholder("https://depth.example.com").inputValue())
      .toBe("https://depth.example.org");
  });

  it("makes 3D animations: MP4 as a video fill, and a GIF where the file refuses video", async () => {
    const animation = { ...DEFAULT_SETTINGS.animation, animationLength: 1, outputFps: 5 as const };
    for (const videoAllowed of [true, false]) {
      const ui = await open({
        command: "animation",
        settings: settings({ animation }),
        select: ["Photo"],
        videoAllowed,
      });
      await expect.poll(() => ui.locator("li.item").count()).toBe(1);
      await expect.poll(() => ui.getByText(/per animation/).count()).toBe(1);
      if (videoAllowed) await screenshot("animation");
      await ui.getByRole("button", { name: "Generate animation" }).click();
      await expect.poll(() => host((h) => h.notifications()), { timeout: 25_000 }).toEqual(["1 animation placed"]);
      const [result] = (await host((h) => h.results())).filter((r) => r.kind === "animation");
      expect(result).toMatchObject({
        name: "Photo — 3D",
        fillType: videoAllowed ? "VIDEO" : "IMAGE",
      });
      if (!videoAllowed) {
        expect(Buffer.from(result!.fillBase64, "base64").subarray(0, 6).toString()).toBe("GIF89a");
        await expect
          .poll(() => ui.locator("li.item .item__meta").textContent())
          .toMatch(/Placed as a GIF: Figma refused the video/);
      }
      await host((h) => h.close());
    }
  });

  it("renders in Figma's light and dark themes", async () => {
    const backgrounds: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      const ui = await open({ command: "settings", theme });
      await ui.getByRole("button", { name: "Test connection" }).click();
      await expect.poll(() => ui.getByTestId("connection").textContent()).toMatch(/Emulator: results are synthetic/);
      backgrounds.push(
        await ui.locator("body").evaluate(
          (b) =>
            (
              globalThis as unknown as {
                getComputedStyle(e: unknown): { backgroundColor: string };
              }
            ).getComputedStyle(b).backgroundColor,
        ),
      );
      await screenshot(`settings-${theme}`);
    }
    expect(backgrounds[0]).toBe("rgb(255, 255, 255)");
    expect(backgrounds[1]).not.toBe(backgrounds[0]);
  });
});
