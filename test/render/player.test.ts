// The <depth-frame> player on a page of its own in Chromium, built as dist/player/depth-frame.js is.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { servePage, type PageServer } from "../helpers/page-server.js";
import { layerPngs, parallaxScenePngs } from "../helpers/parallax-scene.js";

describe.skipIf(skipWithoutChromium("the <depth-frame> player in Chromium"))("<depth-frame>", () => {
  let server: PageServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    const { image, disparity } = await parallaxScenePngs();
    const layers = await layerPngs();
    server = await servePage(new URL("../../src/render/player/depth-frame.ts", import.meta.url).pathname, {
      "/photo.png": ["image/png", image],
      "/photo-depth.png": ["image/png", disparity],
      "/far.png": ["image/png", layers.far],
      "/near.png": ["image/png", layers.near],
      "/small.png": ["image/png", layers.small],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.close();
  });

  async function open(attributes: string, setup?: (context: BrowserContext, page: Page) => Promise<void>) {
    const page = await browser.newPage();
    const warnings: string[] = [];
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning") warnings.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await setup?.(browser, page);
    const element = `<depth-frame ${attributes} style="display:block;width:320px;height:240px"></depth-frame>`;
    await page.goto(`${server.origin}/?${encodeURIComponent(element)}`);
    await page.waitForFunction(() => customElements.get("depth-frame") !== undefined);
    return { page, warnings, errors };
  }

  const state = (page: Page) =>
    page.evaluate(() => {
      const element = document.querySelector("depth-frame") as HTMLElement & { playing: boolean };
      const root = element.shadowRoot!;
      return {
        playing: element.playing,
        canvas: root.querySelector("canvas") !== null,
        still: root.querySelector("img")?.getAttribute("src") ?? null,
        video: root.querySelector("video")?.getAttribute("src") ?? null,
      };
    });

  it("draws a moving scene for motion=circle, and stops its frame loop once removed", async () => {
    const { page, errors } = await open('src="photo.png" depth="photo-depth.png" motion="circle" duration="1"');
    await page.waitForFunction(
      () => (document.querySelector("depth-frame") as unknown as { playing: boolean }).playing,
    );
    const shots: Buffer[] = [];
    for (let i = 0; i < 2; i++) {
      await page.waitForTimeout(300);
      shots.push(await page.locator("depth-frame").screenshot());
    }
    expect(shots[0]!.equals(shots[1]!)).toBe(false);
    await page.evaluate(() => {
      (globalThis as unknown as { kept: unknown }).kept = document.querySelector("depth-frame");
      document.querySelector("depth-frame")!.remove();
    });
    const removed = await page.evaluate(() => {
      const element = (globalThis as unknown as { kept: HTMLElement & { playing: boolean } }).kept;
      return { playing: element.playing, canvas: element.shadowRoot!.querySelector("canvas") !== null };
    });
    expect(removed).toEqual({ playing: false, canvas: false });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("plays a layered scene from its layers attribute: two frames differ", async () => {
    const { page, warnings, errors } = await open(
      'src="photo.png" layers="far.png 0, near.png 0.9" motion="circle" duration="1"',
    );
    await page.waitForFunction(
      () => (document.querySelector("depth-frame") as unknown as { playing: boolean }).playing,
    );
    const shots: Buffer[] = [];
    for (let i = 0; i < 2; i++) {
      await page.waitForTimeout(300);
      shots.push(await page.locator("depth-frame").screenshot());
    }
    expect(shots[0]!.equals(shots[1]!)).toBe(false);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("warns and shows the still for a bad layer, never throwing into the page", async () => {
    const cases = [
      ['src="photo.png" layers="far.png 0, missing.png 0.9"', /missing\.png could not be loaded/],
      ['src="photo.png" layers="far.png 0, small.png 0.9"', /small\.png is 16×16, not 160×120/],
      ['src="photo.png" layers="far.png 0, near.png"', /"layers" must be "file depth" pairs/],
    ] as const;
    for (const [attributes, warning] of cases) {
      const { page, warnings, errors } = await open(attributes);
      await page.waitForTimeout(400);
      expect(warnings.join("\n"), attributes).toMatch(warning);
      expect(errors, attributes).toEqual([]);
      expect(await state(page), attributes).toMatchObject({ playing: false, canvas: false, still: "photo.png" });
      await page.close();
    }
  });

  it("shows the still image under prefers-reduced-motion", async () => {
    const { page, errors } = await open('src="photo.png" depth="photo-depth.png"', (_, p) =>
      p.emulateMedia({ reducedMotion: "reduce" }),
    );
    await page.waitForTimeout(300);
    expect(await state(page)).toEqual({ playing: false, canvas: false, still: "photo.png", video: null });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("without WebGL2 shows the still, or the fallback video when given", async () => {
    const noWebgl2 = (_: BrowserContext, p: Page) =>
      p.addInitScript(() => {
        const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
          return type === "webgl2" ? null : (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
        } as typeof original;
      });
    const still = await open('src="photo.png" depth="photo-depth.png"', noWebgl2);
    await still.page.waitForFunction(() => true);
    await still.page.waitForTimeout(300);
    expect(await state(still.page)).toMatchObject({ playing: false, canvas: false, still: "photo.png" });
    expect(still.warnings.join("\n")).toMatch(/WebGL2 is not available/);
    await still.page.close();

    const video = await open('src="photo.png" depth="photo-depth.png" fallback="photo.mp4"', noWebgl2);
    await video.page.waitForFunction(() => document.querySelector("depth-frame")!.shadowRoot!.querySelector("video"));
    expect(await state(video.page)).toMatchObject({ playing: false, video: "photo.mp4" });
    expect(video.errors).toEqual([]);
    await video.page.close();
  });

  it("warns and shows the still for bad attributes, never throwing into the page", async () => {
    const cases = [
      ['src="photo.png"', /"depth" attribute/],
      ['src="photo.png" depth="missing.png"', /missing\.png could not be loaded/],
      [
        'src="photo.png" depth="photo-depth.png" motion="spin" gain="x"',
        /unknown motion "spin"[\s\S]*"gain" must be a number/,
      ],
    ] as const;
    for (const [attributes, warning] of cases) {
      const { page, warnings, errors } = await open(attributes);
      await page.waitForTimeout(400);
      expect(warnings.join("\n"), attributes).toMatch(warning);
      expect(errors, attributes).toEqual([]);
      expect((await state(page)).still).toBe("photo.png");
      await page.close();
    }
  });
});
