// @vitest-environment happy-dom
// Layered depth end to end, without a browser's decoder: the real sandbox in the fake figma, the
// UI's plane loading and layer depth map, and the real backend and emulator on 127.0.0.1.
import { decode } from "fast-png";
import { afterEach, describe, expect, it } from "vitest";
import { LAYER_DEPTH } from "../../src/plugin/planes/place-layer-depth.js";
import { defaultPlaneDepths } from "../../src/shared/plane-depth.js";
import { createBackendClient } from "../../src/ui/backend-client.js";
import { depthPng, layerDepthMap } from "../../src/ui/planes/layer-depth-map.js";
import { layeredAnimation } from "../../src/ui/planes/layered-animation.js";
import { layeredEstimate } from "../../src/ui/planes/layered-estimate.js";
import { loadPlanes } from "../../src/ui/planes/load-planes.js";
import { bridgePlaneSource } from "../../src/ui/planes/plane-source.js";
import { solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { buildCard } from "../plugin/planes/card-scene.js";
import { decodeRgba } from "../plugin/planes/plane-session.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { useUiStack } from "./ui-stack.js";

const { stack, control } = useUiStack();
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

describe("layered depth end to end", () => {
  it("places the flat layer depth map beside the frame, linked, in one undo step, and refreshes it in place", async () => {
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
    const image = decode(png);
    expect([image.width, image.height, image.channels, image.depth]).toEqual([240, 160, 1, 16]);
    // The backdrop (the frame's own fill, farthest, is under it) far, the button near.
    expect(image.data[5 * 240 + 5]).toBe(Math.round(depths[1]! * 65535));
    expect(image.data[125 * 240 + 70]).toBeGreaterThan(40000);
    const again = await host.bridge.request("placeLayerDepth", { nodeId: frameId, bytes: png });
    expect(again).toEqual({ resultNodeId: map.id, updated: true });
    expect(host.fake.undoSteps).toHaveLength(2);
  });

  it("makes an Immersity animation with the layer depth map in exactly one emulator call", async () => {
    const { host, frameId, planes, depths } = await open((fake) => buildCard(fake).id);
    const frame = await host.bridge.request("export", { nodeId: frameId, targetSize: 240 });
    expect([frame.width, frame.height]).toEqual([planes.width, planes.height]);
    const png = depthPng(planes.width, planes.height, layerDepthMap(planes, depths));
    const options = { animationType: "mp4" as const, animationLength: 1, outputFps: 5 as const };
    const result = await layeredAnimation(client(), frame, png, options, () => undefined);
    expect(result.contentType).toBe("video/mp4");
    // Immersity's calls, leaving out the OAuth token: one animation, no disparity.
    const { token: _token, ...paid } = (await stats()).calls;
    expect(paid).toEqual({ animation: 1 });
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
    expect(
      layeredEstimate(
        prices,
        planes.planes.map((p) => p.info),
      ),
    ).toBe("0 credits: the layers render here, no photo needs relief");
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
