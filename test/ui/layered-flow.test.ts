// @vitest-environment happy-dom
// Layered depth end to end, without a browser's decoder: the real sandbox in the fake figma, the
// UI's plane loading and layer depth map, and the real backend and emulator on 127.0.0.1.
import { decode } from "fast-png";
import { afterEach, describe, expect, it } from "vitest";
import { LAYER_DEPTH } from "../../src/plugin/planes/place-layer-depth.js";
import { DEFAULT_RELIEF_RANGE } from "../../src/shared/layer-depth.js";
import { defaultPlaneDepths } from "../../src/shared/plane-depth.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { createBackendClient } from "../../src/ui/backend-client.js";
import { layeredCredits, layeredEstimate } from "../../src/ui/credit-estimate.js";
import { depthPng, layerDepthMap } from "../../src/ui/planes/layer-depth-map.js";
import type { LayeredSource } from "../../src/ui/planes/layered-work.js";
import { loadPlanes } from "../../src/ui/planes/load-planes.js";
import { runItem } from "../../src/ui/run-item.js";
import { bridgePlaneSource } from "../../src/ui/planes/plane-source.js";
import { solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { samplePng } from "../fake-figma/sample-images.js";
import { buildCard } from "../plugin/planes/card-scene.js";
import { decodeRgba } from "../plugin/planes/plane-session.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { NO_CALLS, useUiStack } from "./ui-stack.js";

const { stack, control, calls } = useUiStack();
let host: PluginHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function open(build: (fake: FakeFigma) => string) {
  let frameId = "";
  host = await hostPlugin({}, (fake) => {
    frameId = build(fake);
  });
  const planes = await loadPlanes(
    bridgePlaneSource(host.bridge),
    { nodeId: frameId, targetSize: 240, open: [] },
    decodeRgba,
  );
  return { host, frameId, planes, depths: defaultPlaneDepths(planes.planes.map((p) => p.info)) };
}

const client = () => createBackendClient(stack().backendUrl, stack().apiKey);
const stats = () => control("/stats") as Promise<{ calls: Record<string, number>; creditsSpent: number }>;
const short = { animationType: "mp4" as const, animationLength: 1, outputFps: 5 as const };

/** The 3D tab's Generate for a frame shown as its layers, with Immersity's engine. */
function animateLayered(host: PluginHost, frameId: string, layers: LayeredSource) {
  const job = {
    nodeId: frameId,
    targetSize: 240,
    fresh: false,
    work: {
      kind: "animation" as const,
      disparity: DEFAULT_SETTINGS.disparity,
      options: short,
      engine: "immersity" as const,
      depth: null,
      layers,
    },
  };
  return runItem(job, { bridge: host.bridge, client: client(), report: () => undefined }, new AbortController().signal);
}

describe("layered depth end to end", () => {
  it("places the flat layer depth map beside the frame, linked, in one undo step; refreshes it in place", async () => {
    const { host, frameId, planes, depths } = await open((fake) => buildCard(fake).id);
    const png = depthPng(planes.width, planes.height, layerDepthMap(planes, depths));
    const placed = await host.bridge.request("placeLayerDepth", { nodeId: frameId, bytes: png });
    expect(placed.updated).toBe(false);
    expect(host.fake.undoSteps).toHaveLength(1);
    const map = (await host.fake.figma.getNodeByIdAsync(placed.resultNodeId)) as RectangleNode;
    const frame = (await host.fake.figma.getNodeByIdAsync(frameId)) as FrameNode;
    expect(map.name).toBe("Card — Layer depth");
    expect([map.width, map.height]).toEqual([frame.width, frame.height]);
    expect(map.getPluginData(LAYER_DEPTH.of)).toBe(frameId);
    expect(frame.getPluginData(LAYER_DEPTH.result)).toBe(map.id);
    // Dev Mode lists both as assets.
    const asPng = [{ format: "PNG", constraint: { type: "SCALE", value: 1 } }];
    expect([map.exportSettings, frame.exportSettings]).toEqual([asPng, asPng]);
    const image = decode(png);
    expect([image.width, image.height, image.channels, image.depth]).toEqual([240, 160, 1, 16]);
    // The backdrop (the frame's own fill, farthest, is under it) far, the button near.
    expect(image.data[5 * 240 + 5]).toBe(Math.round(depths[1]! * 65535));
    expect(image.data[125 * 240 + 70]).toBeGreaterThan(40000);
    const again = await host.bridge.request("placeLayerDepth", { nodeId: frameId, bytes: png });
    expect(again).toEqual({ resultNodeId: map.id, updated: true });
    expect(host.fake.undoSteps).toHaveLength(2);
  });

  it("animates the frame's layers on Immersity in one call, its layer depth map placed", async () => {
    const { host, frameId, planes, depths } = await open((fake) => buildCard(fake).id);
    const layers = { planes, depths, relief: planes.planes.map(() => false) };
    const placed = await animateLayered(host, frameId, layers);
    const result = (await host.fake.figma.getNodeByIdAsync(placed.resultNodeId)) as RectangleNode;
    expect(result.name).toBe("Card — 3D");
    const map = host.fake.figma.currentPage.children.find((node) => node.name === "Card — Layer depth");
    expect(map).toBeDefined();
    // Immersity's calls: one animation, no disparity (the OAuth token is not a paid call).
    expect(await calls()).toEqual({ ...NO_CALLS, animation: 1 });
    const prices = await client().prices();
    const estimate = layeredCredits(
      prices,
      layers.planes.planes.map((p) => ({ photo: p.info.photo, relief: false })),
      {
        engine: "immersity",
      },
    );
    expect((await stats()).creditsSpent).toBe(estimate!.total);
  });

  it("gives a photo plane relief for exactly the disparity call its estimate shows", async () => {
    const { host, frameId, planes, depths } = await open((fake) => {
      const frame = fake.addFrame({ name: "Poster", width: 240, height: 160, fills: [solidPaint(1, 1, 1)] });
      fake.addImageFrame(samplePng(200, 120, 5), {
        parent: frame,
        name: "Shot",
        x: 20,
        y: 20,
        width: 200,
        height: 120,
      });
      fake.addRectangle({
        parent: frame,
        name: "Badge",
        x: 30,
        y: 30,
        width: 40,
        height: 24,
        fills: [solidPaint(1, 0, 0)],
      });
      return frame.id;
    });
    const photo = planes.planes.findIndex((plane) => plane.info.photo);
    expect(planes.planes[photo]!.info.name).toBe("Shot");
    const relief = planes.planes.map((_, i) => i === photo);
    const prices = await client().prices();
    const flags = planes.planes.map((p, i) => ({ photo: p.info.photo, relief: relief[i]! }));
    const estimate = layeredCredits(prices, flags, { engine: "immersity" })!;
    expect(layeredEstimate(prices, flags, { engine: "immersity" }, false)).toBe(
      `Up to ${estimate.total} credits (relief for 1 photo, 1 animation call with the layer depth map, ` +
        "stored results are free)",
    );
    // The photo halfway, so its relief is not cut at the near or far end.
    const halfway = depths.map((depth, i) => (i === photo ? 0.5 : depth));
    await animateLayered(host, frameId, { planes, depths: halfway, relief });
    expect(await calls()).toEqual({ disparity: 1, animation: 1 });
    expect((await stats()).creditsSpent).toBe(estimate.total);
    // The map has the photo's relief inside its plane: not one flat depth over the photo.
    const mapNode = host.fake.figma.currentPage.children.find((node) => node.name === "Poster — Layer depth")!;
    const fill = ((mapNode as RectangleNode).fills as ImagePaint[])[0]!;
    const map = decode(await host.fake.figma.getImageByHash(fill.imageHash!)!.getBytesAsync());
    const row = Array.from({ length: 60 }, (_, i) => map.data[120 * 240 + 150 + i]!);
    expect(new Set(row).size).toBeGreaterThan(1);
    // …and kept within the small range around its depth that relief spans.
    for (const value of row) expect(Math.abs(value / 65535 - 0.5)).toBeLessThanOrEqual(DEFAULT_RELIEF_RANGE / 2 + 1e-4);
  });

  it("costs a vector-only frame 0 credits: its planes, map and placement call nothing paid", async () => {
    const { host, frameId, planes, depths } = await open((fake) => {
      const frame = fake.addFrame({ name: "Icons", width: 120, height: 80, fills: [solidPaint(1, 1, 1)] });
      fake.addRectangle({
        parent: frame,
        name: "Card",
        x: 10,
        y: 10,
        width: 100,
        height: 60,
        fills: [solidPaint(0, 0, 1)],
      });
      fake.addRectangle({
        parent: frame,
        name: "Badge",
        x: 20,
        y: 20,
        width: 20,
        height: 20,
        fills: [solidPaint(1, 0, 0)],
      });
      return frame.id;
    });
    const prices = await client().prices();
    const flags = planes.planes.map((p) => ({ photo: p.info.photo, relief: p.info.relief }));
    expect(layeredEstimate(prices, flags, { engine: "local" }, false)).toBe(
      "0 credits: the layers render here, no photo needs relief",
    );
    await host.bridge.request("placeLayerDepth", {
      nodeId: frameId,
      bytes: depthPng(planes.width, planes.height, layerDepthMap(planes, depths)),
    });
    const after = await stats();
    expect(after.creditsSpent).toBe(0);
    // Reading the price list is free; no disparity or animation was asked for.
    expect(Object.keys(after.calls).filter((call) => call !== "token" && call !== "prices")).toEqual([]);
  });
});
