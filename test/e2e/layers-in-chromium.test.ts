// Layered depth in Chromium, with the real UI hosted like Figma hosts it: a card on a backdrop of blocks
// shown as its layers previews with a near button moving against the backdrop, what it uncovers the
// backdrop's own pixels; the layers render on this computer for nothing; a photo's relief costs
// exactly the disparity call the estimate shows; a frame of vectors costs 0 credits end to end.
import type { FrameLocator, Locator } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { OVERSCAN } from "../../src/render/depth-shader.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { skipWithoutChromium } from "../helpers/chromium.js";
import { TEST_API_KEY } from "../helpers/stack.js";
import { useE2ePage, NOTHING_SPENT, spentAt } from "./harness.js";
import type { HostOptions } from "./host/host-api.js";

const skip = skipWithoutChromium("layered depth in Chromium");
const SOON = { timeout: 20_000 };
const short = { animationLength: 1, outputFps: 5 as const, animationType: "gif" as const };

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

async function pixelsOf(png: Buffer, size?: { width: number; height: number }): Promise<Pixels> {
  const image = sharp(png).ensureAlpha();
  if (size) image.resize(size.width, size.height, { fit: "fill" });
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The button's magenta, which the backdrop's blocks never have (their green is at least 0.4). */
const isButton = (p: Pixels, i: number) => p.data[i * 4]! > 190 && p.data[i * 4 + 1]! < 70 && p.data[i * 4 + 2]! > 190;

function buttonCentroidX(p: Pixels): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < p.width * p.height; i++) {
    if (!isButton(p, i)) continue;
    sum += i % p.width;
    count++;
  }
  return sum / count;
}

/** Mean difference per channel of `shot` from the backdrop moved by dx, over the pixels `where` picks
 *  away from the edges. */
function differenceFrom(shot: Pixels, backdrop: Pixels, dx: number, where: (i: number) => boolean): number {
  let sum = 0;
  let count = 0;
  const margin = 32;
  for (let y = margin; y < shot.height - margin; y++) {
    for (let x = margin; x < shot.width - margin; x++) {
      const i = y * shot.width + x;
      if (!where(i)) continue;
      const j = y * shot.width + x - dx;
      for (let c = 0; c < 3; c++) sum += Math.abs(shot.data[i * 4 + c]! - backdrop.data[j * 4 + c]!);
      count += 3;
    }
  }
  return sum / count;
}

/** Sideways shifts of the backdrop to try, in the preview's pixels. */
const SHIFTS = Array.from({ length: 61 }, (_, k) => k - 30);

/** The backdrop layer's own export as a view of `size` shows a still plane: scaled to fill it, and
 *  cropped by the renderer's overscan about the centre (nearest texel). It has no pixels past its
 *  edges, so shifts are compared away from them. */
function asShown(exported: Pixels, size: { width: number; height: number }): Pixels {
  const data = Buffer.alloc(size.width * size.height * 4);
  const at = (q: number, out: number, from: number) =>
    Math.min(from - 1, Math.floor((0.5 + ((q + 0.5) / out - 0.5) / OVERSCAN) * from));
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      const j = at(y, size.height, exported.height) * exported.width + at(x, size.width, exported.width);
      exported.data.copy(data, (y * size.width + x) * 4, j * 4, j * 4 + 4);
    }
  }
  return { data, width: size.width, height: size.height };
}

describe.skipIf(skip)("layered depth in Chromium", () => {
  const { e2e, page, host } = useE2ePage();
  const settings = (patch: Partial<Settings> = {}): Settings => ({
    ...DEFAULT_SETTINGS,
    backendUrl: e2e.stack.backend.url,
    apiKey: TEST_API_KEY,
    targetSize: 480,
    animation: { ...DEFAULT_SETTINGS.animation, ...short },
    ...patch,
  });
  const spent = () => spentAt(e2e);

  /** The 3D tab with one frame selected and its layers shown. */
  async function showLayers(frame: string, patch: Partial<Settings> = {}): Promise<FrameLocator> {
    const options: HostOptions = { command: "animation", theme: "light", select: [frame], settings: settings(patch) };
    await host((h, o) => h.open(o as HostOptions), options);
    const ui = page.frameLocator("iframe");
    await ui.getByRole("button", { name: "Show layers" }).click();
    await expect.poll(() => ui.getByRole("list", { name: `Planes of ${frame}, nearest first` }).count(), SOON).toBe(1);
    return ui;
  }
  const estimate = (ui: FrameLocator) => ui.locator(".estimate").textContent();

  /** The preview with the camera held at `across` (0 left .. 1 right), once it has drawn that view. */
  async function viewAt(canvas: Locator, across: number): Promise<Buffer> {
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + across * (box.width - 1), box.y + box.height / 2);
    const x = async () => Number((await canvas.getAttribute("data-camera"))!.split(",")[0]);
    await expect.poll(x, SOON).toBeCloseTo(across < 0.5 ? -1 : 1, 1);
    return canvas.screenshot();
  }

  it(
    "previews the card as its layers: the near button moves and uncovers the backdrop's own pixels",
    { timeout: 120_000 },
    async () => {
      const ui = await showLayers("Card UI", { animation: { ...DEFAULT_SETTINGS.animation, amplitudeX: 1 } });
      const canvas = ui.getByRole("img", { name: /^Live 3D preview of Card UI as its layers/ });
      await expect.poll(() => canvas.getAttribute("data-frame"), SOON).not.toBeNull();
      const left = await pixelsOf(await viewAt(canvas, 0));
      const rightShot = await viewAt(canvas, 1);
      const right = await pixelsOf(rightShot);
      const exported = await pixelsOf(Buffer.from(await host((h) => h.exportLayer("Backdrop")), "base64"));
      const backdrop = asShown(exported, left);

      // Each view shows the backdrop's own blocks, moved sideways by the backdrop's own shift…
      const shiftOf = (view: Pixels) => {
        const errors = SHIFTS.map((dx) => differenceFrom(view, backdrop, dx, (i) => !isButton(view, i)));
        const least = Math.min(...errors);
        return { dx: SHIFTS[errors.indexOf(least)]!, error: least };
      };
      const [atLeft, atRight] = [shiftOf(left), shiftOf(right)];
      expect(Math.max(atLeft.error, atRight.error)).toBeLessThan(6);
      // …and the near button moves against it.
      const moved = buttonCentroidX(right) - buttonCentroidX(left) - (atRight.dx - atLeft.dx);
      expect(Math.abs(moved)).toBeGreaterThan(8);
      // What the button uncovered (pixels it covers in the right view but not in the left) is the
      // backdrop's own blocks, not the button's edge stretched over them.
      const uncovered = (i: number) => isButton(right, i) && !isButton(left, i);
      const count = Array.from({ length: left.width * left.height }, (_, i) => i).filter(uncovered).length;
      expect(count).toBeGreaterThan(200);
      expect(differenceFrom(left, backdrop, atLeft.dx, uncovered)).toBeLessThan(6);

      // Dragging the button's slider to the backdrop's depth moves it in the preview at once: it now
      // stays on the same blocks of the backdrop from one side to the other.
      const backdropDepth = await ui.getByRole("slider", { name: "Backdrop" }).inputValue();
      const slider = ui.getByRole("slider", { name: "Buy button" });
      await slider.evaluate((input: { value: string; dispatchEvent(event: unknown): boolean }, value: string) => {
        input.value = value;
        input.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event("input"));
      }, backdropDepth);
      await expect.poll(async () => (await canvas.screenshot()).equals(rightShot), SOON).toBe(false);
      const flatRight = await pixelsOf(await canvas.screenshot());
      const flatLeft = await pixelsOf(await viewAt(canvas, 0));
      const relative = buttonCentroidX(flatRight) - buttonCentroidX(flatLeft);
      expect(Math.abs(relative - (shiftOf(flatRight).dx - shiftOf(flatLeft).dx))).toBeLessThan(3);
      expect(await spent()).toEqual(NOTHING_SPENT);
    },
  );

  it(
    "renders the card's layers on this computer and places the animation, for no call and no credit",
    {
      timeout: 180_000,
    },
    async () => {
      const ui = await showLayers("Card UI", { animationEngine: "local" });
      await expect.poll(() => estimate(ui), SOON).toBe("0 credits: the layers render here, no photo needs relief");
      await ui.getByRole("button", { name: "Generate animation" }).click();
      await expect.poll(() => host((h) => h.notifications()), { timeout: 150_000 }).toEqual(["1 animation placed"]);
      const [placed] = (await host((h) => h.results())).filter((r) => r.kind === "animation");
      expect(placed).toMatchObject({ name: "Card UI — 3D", fillType: "IMAGE", engine: "local" });
      expect(placed!.sourceName).toBe("Card UI");
      const gif = Buffer.from(placed!.fillBase64, "base64");
      expect(await sharp(gif, { animated: true }).metadata()).toMatchObject({ format: "gif", pages: 5 });
      // The frames differ: the layers moved (a GIF at the planes' size, 480 × 320).
      const frames = await Promise.all([0, 2].map((n) => sharp(gif, { page: n }).raw().toBuffer()));
      expect(frames[0]!.equals(frames[1]!)).toBe(false);
      expect(await sharp(gif).metadata()).toMatchObject({ width: 480, height: 320 });
      expect(await spent()).toEqual(NOTHING_SPENT);
    },
  );

  it("gives a photo relief for exactly the disparity call the estimate shows", { timeout: 180_000 }, async () => {
    const ui = await showLayers("Photo card", { animationEngine: "local" });
    await ui.getByRole("checkbox", { name: /^Relief from Immersity/ }).check();
    await expect
      .poll(() => estimate(ui), SOON)
      .toMatch(/^Up to \d+ credits? \(relief for 1 photo, stored results are free\)$/);
    const shown = Number(/^Up to (\d+)/.exec((await estimate(ui))!)![1]);
    await ui.getByRole("button", { name: "Generate animation" }).click();
    await expect.poll(() => host((h) => h.notifications()), { timeout: 150_000 }).toEqual(["1 animation placed"]);
    expect(await spent()).toEqual({ disparity: 1, animation: 0, credits: shown });
  });

  it(
    "costs a frame of vectors 0 credits end to end, and Immersity's animation of it one call",
    {
      timeout: 180_000,
    },
    async () => {
      let ui = await showLayers("Checkout screen", { animationEngine: "local" });
      await expect.poll(() => estimate(ui), SOON).toBe("0 credits: the layers render here, no photo needs relief");
      expect(await ui.getByRole("checkbox", { name: /^Relief/ }).count()).toBe(0);
      await ui.getByRole("button", { name: "Generate animation" }).click();
      await expect.poll(() => host((h) => h.notifications()), { timeout: 150_000 }).toEqual(["1 animation placed"]);
      expect(await spent()).toEqual(NOTHING_SPENT);

      await host((h) => h.close());
      ui = await showLayers("Checkout screen", { animationEngine: "immersity" });
      await expect
        .poll(() => estimate(ui), SOON)
        .toMatch(/^Up to \d+ credits? \(1 animation call with the layer depth map/);
      const shown = Number(/^Up to (\d+)/.exec((await estimate(ui))!)![1]);
      await ui.getByRole("button", { name: "Generate animation" }).click();
      await expect.poll(() => host((h) => h.notifications()), { timeout: 60_000 }).toEqual(["1 animation placed"]);
      expect(await spent()).toEqual({ disparity: 0, animation: 1, credits: shown });
      const names = (await host((h) => h.results())).map((r) => r.name).sort();
      expect(names).toContain("Checkout screen — 3D");
    },
  );
});
