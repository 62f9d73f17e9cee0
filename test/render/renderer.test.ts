// The plugin's WebGL2 depth renderer in Chromium (SwiftShader): the motion the API's units promise,
// 16-bit depth kept whole, and frames close to the emulator's CPU renderer for the same camera.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parallaxRenderer } from "../../src/emulator/animation/parallax-renderer.js";
import { OVERSCAN } from "../../src/render/depth-shader.js";
import { PARALLAX_UNIT, resolveParallax, ZOOM_UNIT } from "../../src/shared/camera.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { servePage, type PageServer } from "../helpers/page-server.js";
import { centroid, isGreen, isRed, NEAR, parallaxScene, SCENE_HEIGHT, SCENE_WIDTH } from "../helpers/parallax-scene.js";
import type { RenderRequest } from "./render-request.js";

const SHIFT = PARALLAX_UNIT * Math.max(SCENE_WIDTH, SCENE_HEIGHT);
/**
 * Mean absolute difference per RGB channel (of 255) allowed between the WebGL and the CPU frame,
 * beyond what resampling the CPU frame for the overscan costs by itself.
 */
const MAX_MEAN_DIFFERENCE_FROM_EMULATOR = 1;

/** The helper's scene with its far depth at disparity 0, so convergence -1 holds it still. */
function farAtZero() {
  const scene = parallaxScene();
  const far = scene.disparity[0]!;
  return { ...scene, disparity: scene.disparity.map((v) => (v === far ? 0 : v)) };
}

type Scene = ReturnType<typeof parallaxScene>;
type View = RenderRequest["views"][number];

function request(scene: Scene, views: View[], depth?: Partial<RenderRequest["depth"]>) {
  return {
    width: scene.width,
    height: scene.height,
    rgba: Array.from(scene.rgba),
    depth: {
      as: "pixels" as const,
      width: scene.width,
      height: scene.height,
      values: Array.from(scene.disparity),
      ...depth,
    },
    views,
  };
}

/** An RGBA frame magnified about its centre as the renderer's overscan does, bilinearly. */
function overscanned(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length);
  const at = (x: number, y: number, c: number) => rgba[(y * SCENE_WIDTH + x) * 4 + c]!;
  for (let y = 0; y < SCENE_HEIGHT; y++) {
    for (let x = 0; x < SCENE_WIDTH; x++) {
      const sx = (x + 0.5 - SCENE_WIDTH / 2) / OVERSCAN + SCENE_WIDTH / 2 - 0.5;
      const sy = (y + 0.5 - SCENE_HEIGHT / 2) / OVERSCAN + SCENE_HEIGHT / 2 - 0.5;
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const [x1, y1] = [Math.min(x0 + 1, SCENE_WIDTH - 1), Math.min(y0 + 1, SCENE_HEIGHT - 1)];
      const [fx, fy] = [sx - x0, sy - y0];
      for (let c = 0; c < 4; c++) {
        const top = at(x0, y0, c) * (1 - fx) + at(x1, y0, c) * fx;
        const bottom = at(x0, y1, c) * (1 - fx) + at(x1, y1, c) * fx;
        out[(y * SCENE_WIDTH + x) * 4 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

/** Mean absolute RGB difference of two RGBA frames over the columns `columns` keeps. */
function meanDifference(a: ArrayLike<number>, b: ArrayLike<number>, columns = (_x: number) => true) {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3 || !columns(Math.floor(i / 4) % SCENE_WIDTH)) continue;
    sum += Math.abs(a[i]! - b[i]!);
    count++;
  }
  return sum / count;
}

describe.skipIf(skipWithoutChromium("depth renderer in Chromium"))("depth renderer", () => {
  let server: PageServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    server = await servePage(new URL("./renderer-page.ts", import.meta.url).pathname);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => "render" in globalThis);
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.close();
  });

  const render = async (r: RenderRequest) =>
    (await page.evaluate((r) => (globalThis as unknown as { render(r: RenderRequest): number[][] }).render(r), r)).map(
      (frame) => Uint8Array.from(frame),
    );

  it("moves disparity 1 against x by 3 % of the long side and leaves disparity 0 still", async () => {
    const scene = farAtZero();
    const [still, moved] = await render(
      request(scene, [
        { x: 0, y: 0, z: 0, gain: 1, convergence: -1 },
        { x: 1, y: 0, z: 0, gain: 1, convergence: -1 },
      ]),
    );
    const from = centroid(still!, SCENE_WIDTH, isRed);
    const to = centroid(moved!, SCENE_WIDTH, isRed);
    expect(Math.abs(to.x - from.x - -SHIFT)).toBeLessThan(2);
    expect(Math.abs(to.y - from.y)).toBeLessThan(0.5);
    // Away from the square and the strip it uncovers, the checkerboard has not moved at all.
    const away = (x: number) => x < NEAR.x0 - SHIFT - 2 || x >= NEAR.x1 + 2;
    expect(meanDifference(still!, moved!, away)).toBe(0);
  });

  it("holds the nearest depth still and moves the farthest with convergence 1", async () => {
    const scene = farAtZero();
    const [still, moved] = await render(
      request(scene, [
        { x: 0, y: 0, z: 0, gain: 1, convergence: 1 },
        { x: 1, y: 0, z: 0, gain: 1, convergence: 1 },
      ]),
    );
    const red = [centroid(still!, SCENE_WIDTH, isRed), centroid(moved!, SCENE_WIDTH, isRed)];
    const bar = [centroid(still!, SCENE_WIDTH, isGreen), centroid(moved!, SCENE_WIDTH, isGreen)];
    expect(Math.abs(red[1]!.x - red[0]!.x)).toBeLessThan(0.5);
    expect(red[1]!.count).toBe(red[0]!.count);
    expect(Math.abs(bar[1]!.x - bar[0]!.x - SHIFT)).toBeLessThan(2);
  });

  it("zooms the near square about the centre with z, the far depth not", async () => {
    const scene = farAtZero();
    const [still, zoomed] = await render(
      request(scene, [
        { x: 0, y: 0, z: 0, gain: 1, convergence: -1 },
        { x: 0, y: 0, z: 2, gain: 1, convergence: -1 },
      ]),
    );
    const [from, to] = [centroid(still!, SCENE_WIDTH, isRed), centroid(zoomed!, SCENE_WIDTH, isRed)];
    const area = Math.exp(2 * ZOOM_UNIT * 2);
    expect(to.count / from.count).toBeGreaterThan(area * 0.95);
    expect(to.count / from.count).toBeLessThan(area * 1.05);
    expect(Math.abs(to.x - from.x)).toBeLessThan(0.5);
    expect(Math.abs(to.y - from.y)).toBeLessThan(0.5);
    const bar = [centroid(still!, SCENE_WIDTH, isGreen), centroid(zoomed!, SCENE_WIDTH, isGreen)];
    expect(bar[1]!.count).toBe(bar[0]!.count);
  });

  it("scales a depth map of another size over the picture", async () => {
    const scene = farAtZero();
    const half = new Uint16Array((SCENE_WIDTH / 2) * (SCENE_HEIGHT / 2));
    half.forEach((_, i) => {
      const x = (i % (SCENE_WIDTH / 2)) * 2;
      const y = Math.floor(i / (SCENE_WIDTH / 2)) * 2;
      half[i] = scene.disparity[y * SCENE_WIDTH + x]!;
    });
    const depth = { width: SCENE_WIDTH / 2, height: SCENE_HEIGHT / 2, values: Array.from(half) };
    const views = [
      { x: 0, y: 0, z: 0, gain: 1, convergence: -1 },
      { x: 1, y: 0, z: 0, gain: 1, convergence: -1 },
    ];
    const [still, moved] = await render(request(scene, views, depth));
    const shift = centroid(moved!, SCENE_WIDTH, isRed).x - centroid(still!, SCENE_WIDTH, isRed).x;
    expect(Math.abs(shift - -SHIFT)).toBeLessThan(2);
  });

  it("tints the strip the moved near square uncovers with the disocclusion overlay, and nothing else", async () => {
    const scene = farAtZero();
    const views = [
      { x: 0, y: 0, z: 0, gain: 1, convergence: -1 },
      { x: 3, y: 0, z: 0, gain: 1, convergence: -1 },
    ];
    const [plainStill, plainMoved] = await render(request(scene, views));
    const [tintedStill, tintedMoved] = await render({ ...request(scene, views), overlay: true });
    // A still camera opens no hole.
    expect(meanDifference(plainStill!, tintedStill!)).toBe(0);
    const isMagenta = (r: number, g: number, b: number) => r > 150 && b > 150 && g < 100;
    const share = (frame: Uint8Array, x0: number, x1: number) => {
      let hits = 0;
      let count = 0;
      for (let y = NEAR.y0 + 2; y < NEAR.y1 - 2; y++) {
        for (let x = Math.ceil(x0); x < x1; x++) {
          const i = (y * SCENE_WIDTH + x) * 4;
          if (isMagenta(frame[i]!, frame[i + 1]!, frame[i + 2]!)) hits++;
          count++;
        }
      }
      return hits / count;
    };
    // The square moved left by three units; the strip it left on the right is the hole.
    const moved = 3 * SHIFT;
    expect(share(tintedMoved!, NEAR.x1 - moved + 2, NEAR.x1 - 2)).toBeGreaterThan(0.95);
    expect(share(plainMoved!, NEAR.x1 - moved + 2, NEAR.x1 - 2)).toBe(0);
    // The square itself and the checkerboard around are not tinted.
    expect(share(tintedMoved!, NEAR.x0 - moved + 2, NEAR.x1 - moved - 2)).toBe(0);
    const away = (x: number) => x < NEAR.x0 - moved - 2 || x >= NEAR.x1 + 2;
    expect(meanDifference(plainMoved!, tintedMoved!, away)).toBe(0);
  });

  it("keeps 16-bit depth below the 8th bit, where an 8-bit map rounds it away", async () => {
    const scene = parallaxScene();
    const level8 = 128;
    const flat = (value: number) => Array.from({ length: scene.width * scene.height }, () => value);
    // Both round to 128 in 8 bits; a large gain makes their 100 / 65535 apart visible.
    const views = [{ x: 1, y: 0, z: 0, gain: 20, convergence: -1 }];
    const [deep] = await render(request(scene, views, { values: flat(level8 * 257 + 100) }));
    const [rounded] = await render(request(scene, views, { values: flat(level8 * 257) }));
    const [eightBit] = await render(request(scene, views, { as: "canvas", values: flat(level8 * 257 + 100) }));
    expect(meanDifference(rounded!, eightBit!)).toBe(0);
    expect(meanDifference(deep!, eightBit!)).toBeGreaterThan(1);
  });

  it("renders the emulator's frame for the same scene and camera, within a small mean difference", async () => {
    const scene = parallaxScene();
    const parallax = resolveParallax(scene.disparity, {});
    const camera = { x: 1, y: 0.5, z: 1 };
    const given = { gain: parallax.gain, convergence: 2 * parallax.stillDisparity - 1 };
    // The CPU frame has no overscan, so it is magnified here by the same amount. Resampling a frame
    // already sampled between pixels blurs the checkerboard's edges: the same scene with all of it
    // at the far depth, which then moves as the far depth does, tells how much that costs.
    const flat = { ...scene, disparity: scene.disparity.map(() => scene.disparity[0]!) };
    const [flatGpu] = await render(request(flat, [{ ...camera, ...given }]));
    const resampling = meanDifference(flatGpu!, overscanned(parallaxRenderer(flat, parallax)(camera)));
    const [gpu] = await render(request(scene, [camera]));
    const difference = meanDifference(gpu!, overscanned(parallaxRenderer(scene, parallax)(camera)));
    console.log(
      `mean absolute difference from the emulator's frame: ${difference.toFixed(2)} / 255, ` +
        `resampling alone: ${resampling.toFixed(2)}`,
    );
    expect(difference).toBeLessThan(resampling + MAX_MEAN_DIFFERENCE_FROM_EMULATOR);
  });
});
