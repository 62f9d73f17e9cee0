// The "Export for developers" zip in Chromium: made with the real built player, unzipped, its
// index.html served from a directory of its own; the page plays (two frames differ) without errors.
// Also the backend's route that hands the built player to the plugin's UI.
import { unzipSync } from "fflate";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build.js";
import { PLAYER_PATH, playerRoutes, readBuiltPlayer } from "../../src/backend/routes/player.js";
import type { HandoffResult } from "../../src/shared/messages.js";
import { handoffZip } from "../../src/ui/handoff-zip.js";
import { launchChromium, skipWithoutChromium } from "../helpers/chromium.js";
import { servePage, type PageServer } from "../helpers/page-server.js";
import { layerPngs, parallaxScenePngs, SCENE_HEIGHT, SCENE_WIDTH } from "../helpers/parallax-scene.js";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
};

let outDir = "";
let player = "";
beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "depthframe-handoff-"));
  await build({ outDir });
  player = (await readBuiltPlayer(new URL(`file://${outDir}/player/depth-frame.js`)))!;
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe("the backend's player route", () => {
  it("serves the built player as JavaScript, and a sentence when none was built", async () => {
    const served = await playerRoutes(player).request(PLAYER_PATH);
    expect(served.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await served.text()).toBe(await readFile(path.join(outDir, "player/depth-frame.js"), "utf8"));
    expect(await readBuiltPlayer(new URL(`file://${outDir}/none.js`))).toBeNull();
  });
});

describe.skipIf(skipWithoutChromium("the handoff zip's page in Chromium"))("the handoff zip's index.html", () => {
  let server: PageServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    const { image, disparity } = await parallaxScenePngs();
    const layers = await layerPngs();
    const layered: HandoffResult = {
      kind: "layered",
      sourceName: "Hero Banner",
      options: {},
      hasDepthMap: true,
      planes: [
        { name: "Backdrop", depth: 0 },
        { name: "Square", depth: 0.9 },
      ],
      width: SCENE_WIDTH * 2,
      height: SCENE_HEIGHT * 2,
    };
    const result: HandoffResult = {
      kind: "animation",
      sourceName: "Hero Photo",
      options: { disparity: {}, animation: { animationLength: 1, amplitudeX: 1, amplitudeY: 1 } },
      animationFormat: "gif",
      hasDepthMap: true,
      width: SCENE_WIDTH * 2,
      height: SCENE_HEIGHT * 2,
    };
    const gif = Uint8Array.from([...new TextEncoder().encode("GIF89a"), 1, 0, 1, 0, 0, 0, 0, 0x3b]);
    const zip = handoffZip(
      [
        { sourceId: "1:1", result, source: image, depth: disparity, animation: gif },
        {
          sourceId: "1:2",
          result: layered,
          source: image,
          depth: disparity,
          animation: null,
          planes: [layers.far, layers.near],
        },
      ],
      player,
    );
    // Each file of the zip at its own path, as a static server of the unzipped folder answers.
    const files = Object.fromEntries(
      Object.entries(unzipSync(zip)).map(([name, bytes]) => [
        `/${name}`,
        [TYPES[path.extname(name)] ?? "application/octet-stream", bytes] as [string, Uint8Array],
      ]),
    );
    server = await servePage(new URL("../../src/render/player/depth-frame.ts", import.meta.url).pathname, files);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.close();
  });

  it("plays: each player, the layered one too, draws frames that differ, with no page errors or warnings", async () => {
    // A phone-sized window: software WebGL here draws a small canvas in good time.
    const page = await browser.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => message.text().startsWith("<depth-frame>") && problems.push(message.text()));
    await page.goto(`${server.origin}/index.html`);
    const players = page.locator("depth-frame");
    expect(await players.count()).toBe(2);
    // The image with its depth map, then the layered scene from its planes.
    for (const [index, attribute] of [
      [0, "depth"],
      [1, "layers"],
    ] as const) {
      const player = players.nth(index);
      expect(await player.getAttribute(attribute)).toBeTruthy();
      await player.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (i) => (document.querySelectorAll("depth-frame")[i] as unknown as { playing?: boolean }).playing === true,
        index,
      );
      const shots: Buffer[] = [];
      for (let i = 0; i < 2; i++) {
        await page.waitForTimeout(300);
        shots.push(await player.screenshot({ timeout: 90_000 }));
      }
      expect(shots[0]!.equals(shots[1]!), attribute).toBe(false);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
