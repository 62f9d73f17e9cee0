// Free local 3D renders in Chromium, with the real UI in a sandboxed null-origin iframe as Figma hosts
// it: a layer with a placed depth map becomes an H.264 video fill, or a GIF in a file that refuses
// video, with no paid call; progress per frame in the row; cancel places nothing; the same file
// rendered again is left as it is.
import { encode } from "fast-png";
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from "mediabunny";
import type { FrameLocator } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { frameCount } from "../../src/shared/camera.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { skipWithoutChromium } from "../helpers/chromium.js";
import { TEST_API_KEY } from "../helpers/stack.js";
import { useE2ePage, NOTHING_SPENT, spentAt } from "./harness.js";
import type { HostOptions } from "./host/host-api.js";

const skip = skipWithoutChromium("local 3D renders in Chromium");

/** A 16-bit depth map: a far gradient with a near disc in the middle. */
function depthPng(width: number, height: number): string {
  const data = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const near = Math.hypot(x - width / 2, y - height / 2) < height / 4;
      data[y * width + x] = near ? 60000 : Math.round((y / height) * 20000);
    }
  }
  return Buffer.from(encode({ width, height, data, depth: 16, channels: 1 })).toString("base64");
}

async function videoInfo(bytes: Uint8Array) {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const track = (await input.getPrimaryVideoTrack())!;
  let frames = 0;
  for await (const _packet of new EncodedPacketSink(track).packets()) frames++;
  return { codec: track.codec, width: track.displayWidth, height: track.displayHeight, frames };
}

describe.skipIf(skip)("local 3D renders in Chromium", () => {
  const { e2e, page, host } = useE2ePage();
  const depthMaps = { Photo: depthPng(240, 160) };

  const settings = (animation: Settings["animation"]): Settings => ({
    ...DEFAULT_SETTINGS,
    backendUrl: e2e.stack.backend.url,
    apiKey: TEST_API_KEY,
    animationEngine: "local",
    animation: { ...DEFAULT_SETTINGS.animation, ...animation },
  });
  const spent = () => spentAt(e2e);

  async function open(options: Partial<HostOptions>): Promise<FrameLocator> {
    const full: HostOptions = { command: "animation", theme: "light", select: ["Photo"], depthMaps, ...options };
    await host((h, o) => h.open(o as HostOptions), full);
    const ui = page.frameLocator("iframe");
    await expect.poll(() => ui.locator("li.item").count()).toBe(1);
    return ui;
  }
  const row = (ui: FrameLocator) => ui.locator("li.item").first();

  it(
    "renders an H.264 MP4 from the placed depth map and places it as a video fill, for no call and no credit",
    { timeout: 180_000 },
    async () => {
      const animation = { animationLength: 1, outputFps: 30 as const };
      const ui = await open({ settings: settings(animation) });
      expect(await ui.getByRole("radio", { name: "This computer (free)" }).isChecked()).toBe(true);
      await expect.poll(() => ui.getByText("This computer makes H.264 MP4 here.").count()).toBe(1);
      await expect.poll(() => ui.getByText(/^Free: rendered on this computer/).count()).toBe(1);

      await ui.getByRole("button", { name: "Generate animation" }).click();
      // Progress per frame, in the row and its progress bar.
      await expect
        .poll(() => row(ui).textContent(), { interval: 20, timeout: 30_000 })
        .toMatch(/Rendering frame \d+ of 30/);
      expect(await row(ui).getByRole("progressbar").count()).toBe(1);
      await expect.poll(() => host((h) => h.notifications()), { timeout: 120_000 }).toEqual(["1 animation placed"]);

      const [placed] = await host((h) => h.placeRequests());
      expect(placed).toMatchObject({ contentType: "video/mp4", engine: "local" });
      const info = await videoInfo(Buffer.from(placed!.bytesBase64, "base64"));
      // The layer's own image file, 960 × 640, is what is sent to Immersity too: frames of its size.
      expect(info).toMatchObject({ codec: "avc", width: 960, height: 640, frames: frameCount(animation, 30) });

      const results = await host((h) => h.results());
      const animated = results.filter((r) => r.kind === "animation");
      expect(animated.map((r) => [r.name, r.fillType, r.engine, r.sourceName])).toEqual([
        ["Photo — 3D", "VIDEO", "local", "Photo"],
      ]);
      expect(JSON.parse(animated[0]!.options)).toMatchObject({
        animation: { ...DEFAULT_SETTINGS.animation, ...animation },
      });
      expect(await host((h) => h.undoSteps())).toBe(1);
      expect(await spent()).toEqual(NOTHING_SPENT);
    },
  );

  it("leaves a local render alone when rendering again gives the same file", { timeout: 180_000 }, async () => {
    const ui = await open({ settings: settings({ animationType: "gif", animationLength: 1, outputFps: 5 }) });
    const generate = ui.getByRole("button", { name: "Generate animation" });
    await generate.click();
    await expect.poll(() => host((h) => h.notifications()), { timeout: 120_000 }).toEqual(["1 animation placed"]);
    const placed = await host((h) => h.results());
    await generate.click();
    await expect
      .poll(() => host((h) => h.notifications()), { timeout: 120_000 })
      .toEqual(["1 animation placed", "1 animation already up to date"]);
    expect(await row(ui).locator(".item__meta").textContent()).toBe("Already up to date");
    expect([(await host((h) => h.placeRequests())).length, await host((h) => h.undoSteps())]).toEqual([1, 1]);
    expect(await host((h) => h.results())).toEqual(placed);
  });

  it("places a GIF when the file refuses video, still for nothing", { timeout: 180_000 }, async () => {
    const ui = await open({ settings: settings({ animationLength: 1, outputFps: 10 }), videoAllowed: false });
    await ui.getByRole("button", { name: "Generate animation" }).click();
    await expect.poll(() => host((h) => h.notifications()), { timeout: 120_000 }).toEqual(["1 animation placed"]);
    expect((await host((h) => h.placeRequests())).map((r) => r.contentType)).toEqual(["video/mp4", "image/gif"]);
    await expect.poll(() => row(ui).textContent()).toMatch(/Placed as a GIF: Figma refused the video/);

    const [gif] = (await host((h) => h.results())).filter((r) => r.kind === "animation");
    expect(gif).toMatchObject({ name: "Photo — 3D", fillType: "IMAGE", engine: "local" });
    const meta = await sharp(Buffer.from(gif!.fillBase64, "base64"), { animated: true }).metadata();
    expect(meta).toMatchObject({ format: "gif", pages: 10 });
    expect(await host((h) => h.undoSteps())).toBe(1);
    expect(await spent()).toEqual(NOTHING_SPENT);
  });

  it("stops at the next frame on cancel and leaves the canvas as it was", { timeout: 180_000 }, async () => {
    const ui = await open({ settings: settings({ animationLength: 10, outputFps: 30 }) });
    const before = await host((h) => h.results());
    await ui.getByRole("button", { name: "Generate animation" }).click();
    await expect
      .poll(() => row(ui).textContent(), { interval: 20, timeout: 30_000 })
      .toMatch(/Rendering frame \d+ of 300/);
    await ui.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => row(ui).getAttribute("data-status"), { timeout: 10_000 }).toBe("cancelled");
    await expect.poll(() => host((h) => h.notifications())).toEqual(["0 animations placed, 1 cancelled"]);
    expect(await host((h) => h.placeRequests())).toEqual([]);
    expect(await host((h) => h.results())).toEqual(before);
    expect(await host((h) => h.undoSteps())).toBe(0);
    expect(await spent()).toEqual(NOTHING_SPENT);
  });

  it(
    "makes the depth map first for a layer without one (paid, placed), then renders for free",
    { timeout: 180_000 },
    async () => {
      const ui = await open({ settings: settings({ animationLength: 1, outputFps: 10 }), depthMaps: {} });
      await expect.poll(() => ui.getByText(/^Up to \d+ credits? \(\d+ per depth map for 1 layer/).count()).toBe(1);
      await ui.getByRole("button", { name: "Generate animation" }).click();
      await expect.poll(async () => (await host((h) => h.notifications())).length, { timeout: 120_000 }).toBe(1);
      expect(await row(ui).textContent()).toMatch(/Its depth map was made first/);
      expect(await host((h) => h.notifications())).toEqual(["1 animation placed"]);
      const results = await host((h) => h.results());
      expect(results.map((r) => [r.name, r.kind]).sort()).toEqual([
        ["Photo — 3D", "animation"],
        ["Photo — Depth", "depth"],
      ]);
      const paid = await spent();
      expect({ disparity: paid.disparity, animation: paid.animation }).toEqual({ disparity: 1, animation: 0 });
    },
  );

  it("says so when the placed depth map cannot be decoded, and spends nothing", { timeout: 90_000 }, async () => {
    // A PNG whose header Figma takes but whose image data is cut off.
    const broken = Buffer.from(depthPng(24, 16), "base64").subarray(0, 40).toString("base64");
    const ui = await open({ settings: settings({ animationLength: 1, outputFps: 10 }), depthMaps: { Photo: broken } });
    await ui.getByRole("button", { name: "Generate animation" }).click();
    await expect
      .poll(() => row(ui).textContent(), { timeout: 30_000 })
      .toContain(
        // src/ui/local-render.ts's LOCAL_SENTENCES.depth (UI code, outside this suite's type-check).
        "The depth map placed for this layer could not be decoded: make it again in the Depth tab, then retry.",
      );
    expect(await host((h) => h.placeRequests())).toEqual([]);
    expect(await spent()).toEqual(NOTHING_SPENT);
  });

  it("says under Settings → Diagnostics what this iframe encodes", async () => {
    const options: HostOptions = { command: "settings", theme: "light", select: [], settings: settings({}) };
    await host((h, o) => h.open(o as HostOptions), options);
    const frame = page.frameLocator("iframe");
    await expect
      .poll(() => frame.getByText(/^Local MP4 renders here: H\.264 MP4/).count(), { timeout: 15_000 })
      .toBe(1);
    const rows = await frame.getByRole("list", { name: "Formats this computer can encode" }).textContent();
    expect(rows).toBe("H.264 MP4: yesVP9 WebM: yesVP8 WebM: yesGIF: yes");
  });
});
