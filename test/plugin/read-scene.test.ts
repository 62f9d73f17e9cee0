// The sandbox's "scene" request against the fake figma: a layer's image and its placed depth map,
// read from the canvas, with the placed file kept at full precision until the designer changes it.
import { decode, encode } from "fast-png";
import { afterEach, describe, expect, it } from "vitest";
import { DATA } from "../../src/plugin/plugin-data.js";
import type { PlaceAnswer, SceneAnswer } from "../../src/shared/messages.js";
import { samplePng, solidPaint } from "../fake-figma/index.js";
import { startPlugin, valueOf, type PluginSession } from "./plugin-session.js";

type Placed = Extract<PlaceAnswer, { resultNodeId: string }>;

let session: PluginSession | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

const OPTIONS = { dilation: 0, outputBitDepth: "uint16" as const, inputType: "image2d" as const };

/** A 16-bit grey ramp whose values differ below the 8th bit from column to column. */
function depth16(width: number, height: number): Uint8Array {
  const data = new Uint16Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = 30000 + (i % width);
  return encode({ width, height, data, channels: 1, depth: 16 });
}

async function withPhoto() {
  const photo = samplePng(300, 200, 7);
  let source = "";
  session = await startPlugin(
    { command: "animation" },
    (fake) => (source = fake.addImageFrame(photo, { name: "Photo", width: 150, height: 100 }).id),
  );
  const s = session;
  const place = async (bytes: Uint8Array) =>
    valueOf<Placed>(
      await s.request("place", {
        nodeId: source,
        kind: "depth",
        bytes,
        contentType: "image/png",
        resultId: "d".repeat(64),
        options: OPTIONS,
      }),
    );
  const scene = async (targetSize = 512) =>
    valueOf<SceneAnswer>(await s.request("scene", { nodeId: source, targetSize }));
  const node = async (id: string) => (await s.fake.figma.getNodeByIdAsync(id)) as RectangleNode;
  return { s, photo, source, place, scene, node };
}

describe("the scene request", () => {
  it("answers the layer's image and no depth map when none is placed", async () => {
    const { photo, scene } = await withPhoto();
    const answer = await scene();
    expect(answer.depth).toBeNull();
    expect(answer.image).toMatchObject({ original: true, contentType: "image/png", width: 300, height: 200 });
    expect(answer.image.bytes).toEqual(photo);
  });

  it("reads a placed 16-bit depth map's own file, with no export, while it is unchanged", async () => {
    const { s, place, scene } = await withPhoto();
    const bytes = depth16(60, 40);
    const placed = await place(bytes);
    const answer = await scene();
    expect(answer.depth).toEqual({ bytes, width: 60, height: 40, nodeId: placed.resultNodeId, edited: false });
    const png = decode(answer.depth!.bytes);
    expect([png.depth, png.data[1]! - png.data[0]!]).toEqual([16, 1]);
    expect(s.fake.exports.filter((e) => e.nodeId === placed.resultNodeId)).toHaveLength(0);
  });

  it("exports what the layer shows, marked edited, once the designer paints over it", async () => {
    const { s, place, scene, node } = await withPhoto();
    const placed = await place(depth16(60, 40));
    const result = await node(placed.resultNodeId);
    result.fills = [...(result.fills as Paint[]), solidPaint(1, 1, 1, 0.5)];
    const answer = await scene(256);
    expect(answer.depth).toMatchObject({ width: 256, height: 171, nodeId: placed.resultNodeId, edited: true });
    expect(decode(answer.depth!.bytes).depth).toBe(8);
    expect(s.fake.exports.at(-1)).toMatchObject({ nodeId: placed.resultNodeId, width: 256, height: 171 });
  });

  it("reads a designer's own PNG put in its place as edited, and exports one that is cropped", async () => {
    const { s, place, scene, node } = await withPhoto();
    const placed = await place(depth16(60, 40));
    const result = await node(placed.resultNodeId);
    const own = samplePng(90, 60, 3);
    result.fills = [{ type: "IMAGE", imageHash: s.fake.figma.createImage(own).hash, scaleMode: "FILL" }];
    expect((await scene()).depth).toEqual({ bytes: own, width: 90, height: 60, nodeId: result.id, edited: true });

    const square = samplePng(50, 50, 4);
    result.fills = [{ type: "IMAGE", imageHash: s.fake.figma.createImage(square).hash, scaleMode: "FILL" }];
    expect((await scene(300)).depth).toMatchObject({ width: 300, height: 200, edited: true });
  });

  it("takes a sole image fill as placed when the result predates the recorded hash", async () => {
    const { place, scene, node } = await withPhoto();
    const bytes = depth16(60, 40);
    const placed = await place(bytes);
    (await node(placed.resultNodeId)).setPluginData(DATA.imageHash, "");
    expect((await scene()).depth).toMatchObject({ bytes, edited: false });
  });

  it("answers no depth map when the result is gone or no longer points back at the layer", async () => {
    const { place, scene, node } = await withPhoto();
    const first = await place(depth16(60, 40));
    (await node(first.resultNodeId)).setPluginData(DATA.sourceId, "1:999");
    expect((await scene()).depth).toBeNull();
    const second = await place(depth16(60, 40));
    expect(second.resultNodeId).not.toBe(first.resultNodeId);
    (await node(second.resultNodeId)).remove();
    expect((await scene()).depth).toBeNull();
  });

  it("answers an error for a layer that is gone", async () => {
    const { s } = await withPhoto();
    expect(await s.request("scene", { nodeId: "999:999", targetSize: 512 })).toMatchObject({
      ok: false,
      error: "That layer no longer exists.",
    });
  });
});
