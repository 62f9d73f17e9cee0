// The layered renderer in Chromium (SwiftShader): a card's near button moves against a still
// background, and what it uncovers is the background plane's own pixels, not stretched button.
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARALLAX_UNIT } from "../../src/shared/camera.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { servePage, type PageServer } from "../helpers/page-server.js";
import type { LayeredAnimationRequest, LayeredRequest } from "./layered-request.js";

const W = 160;
const H = 100;
const BUTTON = { x0: 60, x1: 100, y0: 40, y1: 60 };
const SHIFT = PARALLAX_UNIT * Math.max(W, H);

/** A background with detail everywhere: diagonal stripes in blue and yellow. */
function background(): number[] {
  const rgba: number[] = [];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) rgba.push(...(((x + y) >> 2) % 2 ? [20, 40, 200, 255] : [240, 220, 40, 255]));
  return rgba;
}

function button(): number[] {
  const rgba: number[] = [];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const inside = x >= BUTTON.x0 && x < BUTTON.x1 && y >= BUTTON.y0 && y < BUTTON.y1;
      rgba.push(...(inside ? [230, 20, 20, 255] : [0, 0, 0, 0]));
    }
  return rgba;
}

const isRed = (f: Uint8Array, i: number) => f[i * 4]! > 180 && f[i * 4 + 1]! < 80 && f[i * 4 + 2]! < 80;

function redCentroidX(frame: Uint8Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < W * H; i++) {
    if (!isRed(frame, i)) continue;
    sum += i % W;
    count++;
  }
  return sum / count;
}

describe.skipIf(skipWithoutChromium("layered renderer in Chromium"))("layered renderer", () => {
  let server: PageServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    server = await servePage(new URL("./layered-page.ts", import.meta.url).pathname);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => "renderLayered" in globalThis);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.close();
  });

  const render = async (r: LayeredRequest) =>
    (
      await page.evaluate(
        (r) => (globalThis as unknown as { renderLayered(r: LayeredRequest): number[][] }).renderLayered(r),
        r,
      )
    ).map((frame) => Uint8Array.from(frame));

  // Convergence -1 holds depth 0 (the background) still; gain 1 moves depth 1 by one unit.
  const views = [
    { x: 0, y: 0, z: 0, gain: 1, convergence: -1 },
    { x: 1, y: 0, z: 0, gain: 1, convergence: -1 },
  ];

  it("moves the near button by the camera model's shift and shows the real background it uncovers", async () => {
    const back = { rgba: background(), depth: 0 };
    const [still, moved] = await render({ width: W, height: H, planes: [back, { rgba: button(), depth: 1 }], views });
    // The background alone, rendered at the same view: what should be behind the button.
    const [, alone] = await render({ width: W, height: H, planes: [back], views });
    expect(redCentroidX(moved!) - redCentroidX(still!)).toBeCloseTo(-SHIFT, 0);
    // The strip the button left (its right edge moved left by SHIFT px) is the background's own
    // pixels, stripes and all, not red stretched over it.
    let compared = 0;
    for (let y = BUTTON.y0 + 2; y < BUTTON.y1 - 2; y++) {
      for (let x = BUTTON.x1 - Math.floor(SHIFT) + 1; x < BUTTON.x1 - 1; x++) {
        const i = (y * W + x) * 4;
        for (let c = 0; c < 3; c++) expect(Math.abs(moved![i + c]! - alone![i + c]!)).toBeLessThanOrEqual(1);
        expect(isRed(still!, y * W + x)).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // Away from the button the background has not moved at all.
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        if (x >= BUTTON.x0 - SHIFT - 2 && x < BUTTON.x1 + 2 && y >= BUTTON.y0 - 2 && y < BUTTON.y1 + 2) continue;
        const i = (y * W + x) * 4;
        expect([moved![i], moved![i + 1], moved![i + 2]]).toEqual([still![i], still![i + 1], still![i + 2]]);
      }
  });

  it("lets relief move a plane's near parts more than its far parts", async () => {
    // A photo-like plane whose left half is near and right half far within its relief range.
    const relief = Array.from({ length: W * H }, (_, i) => (i % W < W / 2 ? 65535 : 0));
    const planes = [{ rgba: background(), depth: 0.5, relief, reliefRange: 0.5 }];
    const [still, moved] = await render({ width: W, height: H, planes, views });
    // Stripes move by (depth − still) · SHIFT: 0.75 · SHIFT on the left, 0.25 · SHIFT on the right.
    // The sideways shift that best maps the still row onto the moved one, to a tenth of a pixel.
    const shiftOf = (x0: number) => {
      const row = 50 * W;
      const red = (f: Uint8Array, x: number) => f[(row + x) * 4]!;
      const lerp = (x: number) => red(still!, Math.floor(x)) * (1 - (x % 1)) + red(still!, Math.floor(x) + 1) * (x % 1);
      let best = { shift: NaN, error: Infinity };
      for (let shift = 0; shift <= 8; shift += 0.1) {
        let error = 0;
        for (let x = x0; x < x0 + 20; x++) error += Math.abs(red(moved!, x) - lerp(x + shift));
        if (error < best.error) best = { shift, error };
      }
      return best.shift;
    };
    expect(shiftOf(20)).toBeCloseTo(0.75 * SHIFT, 0);
    expect(shiftOf(120)).toBeCloseTo(0.25 * SHIFT, 0);
  });

  it("makes a local GIF of a layered scene with renderAnimation", async () => {
    const request: LayeredAnimationRequest = {
      width: W,
      height: H,
      planes: [
        { rgba: background(), depth: 0 },
        { rgba: button(), depth: 1 },
      ],
      options: { animationType: "gif", animationLength: 1, outputFps: 10 },
    };
    const result = await page.evaluate(
      (r) =>
        (
          globalThis as unknown as {
            animateLayered(r: LayeredAnimationRequest): Promise<{ contentType: string; bytes: number[] }>;
          }
        ).animateLayered(r),
      request,
    );
    expect(result.contentType).toBe("image/gif");
    const bytes = Buffer.from(result.bytes);
    const meta = await sharp(bytes, { animated: true }).metadata();
    expect(meta).toMatchObject({ format: "gif", pages: 10 });
    const first = await sharp(bytes, { page: 0 }).raw().toBuffer();
    const middle = await sharp(bytes, { page: 3 }).raw().toBuffer();
    expect(first.equals(middle)).toBe(false);
  });
});
