// The live 3D preview in Chromium, hosted like Figma hosts the plugin: a layer's placed depth map
// plays in the 3D tab, follows the options and the pointer, and costs no backend call; without
// WebGL2, or with its context lost for good, a sentence takes its place and the rest still works.
import { mkdir, writeFile } from "node:fs/promises";
import type { Frame, FrameLocator, Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { skipWithoutChromium } from "../helpers/chromium.js";
import { TEST_API_KEY } from "../helpers/stack.js";
import { root, useE2ePage } from "./harness.js";
import type { HostOptions } from "./host/host-api.js";

const skip = skipWithoutChromium("the live preview in Chromium");
/** For what waits on the UI or a frame: slow when other suites share the machine's two cores. */
const SOON = { timeout: 10_000 };
const shots = `${root}test-results/e2e/`;
// Set to refresh the screenshot the README shows.
const docImages = process.env.UPDATE_DOC_IMAGES ? `${root}docs/images/` : null;

// In-page code, typed for what it touches: this suite's config has no DOM types.
type Canvas = { getContext(type: string, ...rest: unknown[]): unknown };
type LoseContext = { loseContext(): void; restoreContext(): void };

/** What a browser without WebGL2 answers, in every frame of the page (the plugin's iframe too). */
function withoutWebgl2() {
  const canvas = (globalThis as unknown as { HTMLCanvasElement: { prototype: Canvas } }).HTMLCanvasElement.prototype;
  const original = canvas.getContext;
  canvas.getContext = function (this: Canvas, type: string, ...rest: unknown[]) {
    return type === "webgl2" ? null : original.call(this, type, ...rest);
  };
}

/** Loses the preview's context in the plugin's frame, and keeps a way to give it back as globalThis.restore. */
function loseContext() {
  const page = globalThis as unknown as {
    document: { querySelector(selector: string): Canvas };
    restore: () => void;
  };
  const gl = page.document.querySelector("canvas").getContext("webgl2") as {
    getExtension(name: string): LoseContext;
  };
  const lose = gl.getExtension("WEBGL_lose_context");
  page.restore = () => lose.restoreContext();
  lose.loseContext();
}

describe.skipIf(skip)("the live preview in Chromium", () => {
  const { e2e, page, host, openPage } = useE2ePage({ openPage: false });

  beforeAll(() => mkdir(shots, { recursive: true }));
  const uiFrame = (): Frame => page.frames().find((f) => f !== page.mainFrame())!;
  /** The emulator's calls and the backend's request log lines: neither may grow while previewing. */
  const traffic = async () => {
    const stats = (await (await fetch(`${e2e.stack.emulator.url}/__emulator/stats`)).json()) as {
      calls: Record<string, number>;
    };
    return { calls: stats.calls, requests: e2e.stack.logs.filter((l) => l.includes('"msg":"request')).length };
  };

  async function open(command: string, init?: () => void, reducedMotion = false): Promise<FrameLocator> {
    await openPage(async (fresh) => {
      if (reducedMotion) await fresh.emulateMedia({ reducedMotion: "reduce" });
      if (init) await fresh.addInitScript(init);
    });
    const options: HostOptions = {
      command,
      theme: "light",
      settings: { ...DEFAULT_SETTINGS, backendUrl: e2e.stack.backend.url, apiKey: TEST_API_KEY },
      select: ["Photo"],
    };
    await host((h, o) => h.open(o as HostOptions), options);
    return page.frameLocator("iframe");
  }

  async function placeDepthMap(ui: FrameLocator) {
    await ui.getByRole("button", { name: "Generate depth map" }).click();
    await expect.poll(() => host((h) => h.notifications()), { timeout: 25_000 }).toEqual(["1 depth map placed"]);
  }

  const frameOf = (canvas: Locator) => canvas.getAttribute("data-frame");
  const cameraOf = async (canvas: Locator) => (await canvas.getAttribute("data-camera"))!.split(",").map(Number);

  it(
    "offers the depth map with its cost, then plays it, follows the options and the pointer, and calls nothing",
    { timeout: 120_000 },
    async () => {
      const ui = await open("animation");
      const preview = ui.getByRole("region", { name: "Preview" });
      await expect
        .poll(() => preview.getByText("“Photo” has no depth map yet", { exact: false }).count(), SOON)
        .toBe(1);
      await preview.getByRole("button", { name: /^Make its depth map \(Up to 10 credits/ }).click();
      await expect.poll(() => host((h) => h.notifications()), { timeout: 25_000 }).toEqual(["1 depth map placed"]);

      const canvas = preview.getByRole("img", { name: /^Live 3D preview of Photo/ });
      await expect.poll(() => frameOf(canvas), { timeout: 20_000 }).not.toBeNull();
      const before = await traffic();

      // It moves: two frames of the loop differ.
      const first = await canvas.screenshot();
      const firstFrame = await frameOf(canvas);
      await expect.poll(() => frameOf(canvas), SOON).not.toBe(firstFrame);
      expect((await canvas.screenshot()).equals(first)).toBe(false);
      await page.screenshot({ path: `${shots}preview.png` });
      if (docImages) await writeFile(`${docImages}preview.png`, await page.screenshot());

      // Paused, an option changes the frame at once.
      await preview.getByRole("button", { name: "Pause" }).click();
      const pausedFrame = await frameOf(canvas);
      const paused = await canvas.screenshot();
      await ui.getByRole("button", { name: "Advanced" }).click();
      await ui.getByRole("textbox", { name: "Gain" }).fill("6");
      await expect.poll(async () => (await canvas.screenshot()).equals(paused), SOON).toBe(false);
      expect(await frameOf(canvas)).toBe(pausedFrame);
      // With that much gain the disc opens holes beside it: the overlay tints them.
      const untinted = await canvas.screenshot();
      await preview.getByRole("checkbox", { name: "Show stretched areas" }).click();
      await expect.poll(async () => (await canvas.screenshot()).equals(untinted), SOON).toBe(false);
      await preview.getByRole("checkbox", { name: "Show stretched areas" }).click();
      for (const axis of ["X", "Y", "Z"]) await ui.getByRole("textbox", { name: `Amplitude ${axis}` }).fill("0");
      await expect.poll(() => cameraOf(canvas), SOON).toEqual([0, 0, 0]);

      // The pointer holds the camera; leaving gives it back to the path.
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
      await expect.poll(async () => (await cameraOf(canvas))[0], SOON).toBeGreaterThan(0.9);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
      await expect.poll(() => cameraOf(canvas), SOON).toEqual([0, 0, 0]);

      // The Depth tab's row plays the map on hover.
      await ui.getByRole("tab", { name: "Depth" }).click();
      const row = ui.locator("li.item", { hasText: "Photo" });
      await row.hover();
      await expect.poll(() => row.locator("canvas[data-frame]").count(), { timeout: 20_000 }).toBe(1);

      expect(await traffic()).toEqual(before);
    },
  );

  it("says in one sentence when the context is lost for good, and plays again once it is restored", async () => {
    const ui = await open("depth");
    await placeDepthMap(ui);
    await ui.getByRole("tab", { name: "3D animation" }).click();
    const canvas = ui.getByRole("img", { name: /^Live 3D preview of Photo/ });
    await expect.poll(() => frameOf(canvas), { timeout: 20_000 }).not.toBeNull();
    await uiFrame().evaluate(loseContext);
    const sentence = ui.getByText(/^The preview stopped: the browser took back its graphics context/);
    await expect.poll(() => sentence.count(), { timeout: 10_000 }).toBe(1);
    expect(await canvas.isHidden()).toBe(true);
    await uiFrame().evaluate(() => (globalThis as unknown as { restore: () => void }).restore());
    await expect.poll(() => sentence.count(), { timeout: 10_000 }).toBe(0);
    const shown = await frameOf(canvas);
    await expect.poll(() => frameOf(canvas), SOON).not.toBe(shown);
  });

  it(
    "waits for Play under reduced motion, still drawing the first frame and the options",
    { timeout: 60_000 },
    async () => {
      const ui = await open("depth", undefined, true);
      await placeDepthMap(ui);
      await ui.getByRole("tab", { name: "3D animation" }).click();
      const canvas = ui.getByRole("img", { name: /^Live 3D preview of Photo/ });
      await expect.poll(() => frameOf(canvas), { timeout: 20_000 }).toBe("0");
      const play = ui.getByRole("button", { name: "Play" });
      expect(await play.getAttribute("aria-pressed")).toBe("true");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await frameOf(canvas)).toBe("0");
      await play.click();
      await expect.poll(() => frameOf(canvas), SOON).not.toBe("0");
    },
  );

  it("says without WebGL2 that the preview cannot play, and everything else still works", async () => {
    const ui = await open("depth", withoutWebgl2);
    await placeDepthMap(ui);
    await ui.getByRole("tab", { name: "3D animation" }).click();
    await expect
      .poll(() => ui.getByText(/^This preview needs WebGL2, which this browser does not offer/).count(), SOON)
      .toBe(1);
    expect(await ui.getByRole("img", { name: /^Live 3D preview/ }).isHidden()).toBe(true);
    await expect.poll(() => ui.getByText(/Up to \d+ credits/).count(), SOON).toBe(1);
    expect(await ui.getByRole("button", { name: "Generate animation" }).isEnabled()).toBe(true);
  });
});
