// Export for developers, the sandbox's part, against the fake figma: results placed by the real
// sandbox code, then each file asked for the way the UI asks, one per request.
import { decode, encode } from "fast-png";
import { afterEach, describe, expect, it } from "vitest";
import { pngSize } from "../../src/shared/image-bytes.js";
import { HandoffAnswer, type HandoffPart, type PlaceAnswer, type UiRequest } from "../../src/shared/messages.js";
import { SMALLEST_MP4 } from "../helpers/mp4.js";
import { startPlugin, valueOf, type PluginSession } from "./plugin-session.js";

let session: PluginSession | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

const RESULT_ID = "f".repeat(64);
const DISPARITY = { outputBitDepth: "uint16" as const };
const ANIMATION = { disparity: DISPARITY, animation: { animationLength: 4, amplitudeX: 1 } };
const VIDEO_URL = "http://127.0.0.1:9/files/result.mp4?signature=abc";

/** A 16-bit grey ramp: values below the 8th bit differ, so an 8-bit round trip would show. */
function depthPng16(width: number, height: number): Uint8Array {
  const data = new Uint16Array(width * height).map((_, i) => (i * 257 + 1) % 65536);
  return encode({ width, height, data, channels: 1, depth: 16 });
}

/** A GIF's header and trailer: all the fake reads of it, as Figma stores the bytes whole. */
function gif(width: number, height: number): Uint8Array {
  const ascii = [..."GIF89a"].map((c) => c.charCodeAt(0));
  return Uint8Array.from([...ascii, width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 0, 0, 0x3b]);
}

type Place = Omit<Extract<UiRequest, { type: "place" }>, "type" | "id">;

async function place(s: PluginSession, request: Place): Promise<string> {
  const answer = valueOf<PlaceAnswer>(await s.request("place", request));
  if (!("resultNodeId" in answer)) throw new Error("not placed");
  return answer.resultNodeId;
}

async function setUp() {
  let hero = "";
  let plain = "";
  const s = await startPlugin({ command: "depth" }, (fake) => {
    hero = fake.addFrame({ name: "Hero Photo", width: 300, height: 200 }).id;
    plain = fake.addFrame({ name: "Plain", width: 120, height: 60 }).id;
  });
  session = s;
  const depthBytes = depthPng16(150, 100);
  const base = { resultId: RESULT_ID, options: DISPARITY };
  const depth = await place(s, { ...base, nodeId: hero, kind: "depth", bytes: depthBytes, contentType: "image/png" });
  const video = await place(s, {
    ...base,
    nodeId: hero,
    kind: "animation",
    bytes: SMALLEST_MP4,
    contentType: "video/mp4",
    options: ANIMATION,
    url: VIDEO_URL,
  });
  const gifBytes = gif(60, 30);
  const plainGif = await place(s, {
    ...base,
    nodeId: plain,
    kind: "animation",
    bytes: gifBytes,
    contentType: "image/gif",
    options: ANIMATION,
  });
  return { s, hero, plain, depth, video, plainGif, depthBytes, gifBytes };
}

async function ask(s: PluginSession, nodeId: string, part: HandoffPart) {
  return HandoffAnswer.parse(valueOf(await s.request("handoff", { nodeId, part })));
}

const bytesOf = (answer: HandoffAnswer) => ("bytes" in answer.file ? answer.file.bytes : null);

describe("handoff files", () => {
  it("gives a depth map's own 16-bit PNG, and its source as a PNG of the same pixel size", async () => {
    const { s, depth, depthBytes } = await setUp();
    const map = await ask(s, depth, "depth");
    expect(map.result).toMatchObject({ kind: "depth", sourceName: "Hero Photo", hasDepthMap: true });
    expect(bytesOf(map)).toEqual(depthBytes);
    expect(decode(bytesOf(map)!).depth).toBe(16);

    const source = await ask(s, depth, "source");
    expect(source.file.contentType).toBe("image/png");
    expect(pngSize(bytesOf(source)!)).toEqual({ width: 150, height: 100 });
  });

  it("gives an MP4 animation's download link, as Figma gives no video's bytes back", async () => {
    const { s, video, depthBytes } = await setUp();
    const animation = await ask(s, video, "animation");
    expect(animation.result).toMatchObject({ kind: "animation", animationFormat: "mp4", hasDepthMap: true });
    expect(animation.file).toEqual({ url: VIDEO_URL, contentType: "video/mp4" });
    // The animation's depth map is the one placed for the same source.
    expect(bytesOf(await ask(s, video, "depth"))).toEqual(depthBytes);
  });

  it("gives a GIF animation's bytes, and without a depth map its source at twice its size", async () => {
    const { s, plainGif, gifBytes } = await setUp();
    const animation = await ask(s, plainGif, "animation");
    expect(animation.result).toMatchObject({ animationFormat: "gif", hasDepthMap: false, width: 120, height: 60 });
    expect(animation.file).toEqual({ bytes: gifBytes, contentType: "image/gif" });
    expect(pngSize(bytesOf(await ask(s, plainGif, "source"))!)).toEqual({ width: 240, height: 120 });
    const missing = await s.request("handoff", { nodeId: plainGif, part: "depth" });
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining("has no depth map in the document") });
  });

  it("answers with a sentence for a layer that is not a result, a lost source, a depth map's animation", async () => {
    const { s, plain, depth, video } = await setUp();
    expect(await s.request("handoff", { nodeId: plain, part: "source" })).toMatchObject({
      ok: false,
      error: "That layer is not a Depthframe result any more.",
    });
    expect(await s.request("handoff", { nodeId: depth, part: "animation" })).toMatchObject({
      ok: false,
      error: "“Hero Photo — Depth” is a depth map, not an animation.",
    });
    const source = await s.fake.figma.getNodeByIdAsync(
      (await s.fake.figma.getNodeByIdAsync(video))!.getPluginData("depthframe.sourceId"),
    );
    source!.remove();
    expect(await s.request("handoff", { nodeId: video, part: "source" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("The source layer of “Hero Photo — 3D” no longer exists"),
    });
  });

  it("says why a video placed before links were kept cannot be exported", async () => {
    const { s, video } = await setUp();
    (await s.fake.figma.getNodeByIdAsync(video))!.setPluginData("depthframe.resultUrl", "");
    const answer = await s.request("handoff", { nodeId: video, part: "animation" });
    expect(answer).toMatchObject({
      ok: false,
      error: expect.stringContaining("Figma gives no plugin a video's bytes"),
    });
  });

  it("gives a layer depth map's own PNG and its frame's export at that size, with the frame's planes", async () => {
    let frame = "";
    const s = await startPlugin({ command: "depth" }, (fake) => {
      const banner = fake.addFrame({ name: "Banner", width: 300, height: 200, fills: [] });
      frame = banner.id;
      fake.addRectangle({ parent: banner, name: "Back", width: 300, height: 200 });
      fake.addRectangle({ parent: banner, name: "Front", x: 100, y: 50, width: 80, height: 80 });
    });
    session = s;
    const depthBytes = depthPng16(150, 100);
    const map = valueOf<{ resultNodeId: string }>(
      await s.request("placeLayerDepth", { nodeId: frame, bytes: depthBytes }),
    );
    const depth = await ask(s, map.resultNodeId, "depth");
    expect(depth.result).toMatchObject({
      kind: "layered",
      sourceName: "Banner",
      hasDepthMap: true,
      planes: [
        { name: "Back", depth: 0 },
        { name: "Front", depth: 1 },
      ],
    });
    expect(bytesOf(depth)).toEqual(depthBytes);
    expect(pngSize(bytesOf(await ask(s, map.resultNodeId, "source"))!)).toEqual({ width: 150, height: 100 });
  });

  it("says why a WebM rendered on this computer cannot be exported", async () => {
    const { s, hero } = await setUp();
    const webm = await place(s, {
      resultId: RESULT_ID,
      nodeId: hero,
      kind: "animation",
      bytes: Uint8Array.from([
        0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d,
      ]),
      contentType: "video/webm",
      options: ANIMATION,
      engine: "local",
    });
    expect(await s.request("handoff", { nodeId: webm, part: "animation" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("was rendered on this computer"),
    });
  });

  it("refuses a request for a part it does not know", async () => {
    const { s, video } = await setUp();
    const answer = await s.request("handoff", { nodeId: video, part: "planes" as HandoffPart });
    expect(answer.ok).toBe(false);
  });
});
