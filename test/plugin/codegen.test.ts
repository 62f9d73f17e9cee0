// Dev Mode's Code section against the fake figma: results placed by the real sandbox code, then the
// plugin started again in codegen mode on the same document, as Figma does in Dev Mode.
import { afterEach, describe, expect, it, vi } from "vitest";
import { NOT_A_RESULT } from "../../src/plugin/codegen.js";
import { HandoffParams } from "../../src/shared/handoff-params.js";
import type { PlaceAnswer } from "../../src/shared/messages.js";
import { samplePng, solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { SMALLEST_MP4 } from "../helpers/mp4.js";
import { startPlugin, valueOf, type PluginSession } from "./plugin-session.js";

let session: PluginSession | null = null;
let restoreCodegen: (() => void) | null = null;
afterEach(() => {
  restoreCodegen?.();
  restoreCodegen = null;
  session?.close();
  session = null;
});

const RESULT_ID = "e".repeat(64);
const DISPARITY = {
  dilation: 0.0063,
  outputBitDepth: "uint16" as const,
  inputType: "image2d" as const,
};
const ANIMATION = {
  disparity: DISPARITY,
  animation: {
    animationType: "mp4" as const,
    animationLength: 6,
    amplitudeX: 1,
    amplitudeY: 0.5,
    gain: 2,
  },
};

/** Places a depth map and an MP4 animation of "Hero Photo" with the design-mode plugin. */
async function placeResults() {
  let source = "";
  let plain = "";
  const s = await startPlugin({ command: "depth" }, (fake) => {
    source = fake.addFrame({ name: "Hero Photo", width: 300, height: 200 }).id;
    plain = fake.addRectangle({ name: "Plain" }).id;
  });
  session = s;
  const depth = valueOf<PlaceAnswer>(
    await s.request("place", {
      nodeId: source,
      kind: "depth",
      bytes: samplePng(30, 20),
      contentType: "image/png",
      resultId: RESULT_ID,
      options: DISPARITY,
    }),
  );
  const animation = valueOf<PlaceAnswer>(
    await s.request("place", {
      nodeId: source,
      kind: "animation",
      bytes: SMALLEST_MP4,
      contentType: "video/mp4",
      resultId: RESULT_ID,
      options: ANIMATION,
    }),
  );
  if (!("resultNodeId" in depth) || !("resultNodeId" in animation)) throw new Error("not placed");
  return {
    fake: s.fake,
    source,
    plain,
    depth: depth.resultNodeId,
    animation: animation.resultNodeId,
  };
}

const webm = Uint8Array.from([
  0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d,
]);

/** A frame of three layers, one with a depth the designer set, and its layer depth map placed. */
async function placeLayeredScene() {
  let frame = "";
  let hills = "";
  const s = await startPlugin({ command: "depth" }, (fake) => {
    const banner = fake.addFrame({ name: "Hero Banner", width: 300, height: 200, fills: [] });
    frame = banner.id;
    fake.addRectangle({ parent: banner, name: "Sky", width: 300, height: 200, fills: [solidPaint(0.4, 0.6, 1)] });
    hills = fake.addRectangle({
      parent: banner,
      name: "Hills",
      y: 120,
      width: 300,
      height: 80,
      fills: [solidPaint(0.2, 0.6, 0.2)],
    }).id;
    fake.addRectangle({
      parent: banner,
      name: "Sun / Disc",
      x: 200,
      y: 20,
      width: 120,
      height: 60,
      fills: [solidPaint(1, 0.8, 0)],
    });
  });
  session = s;
  valueOf(await s.request("setPlaneDepth", { nodeId: hills, depth: 0.3 }));
  const placed = valueOf<{ resultNodeId: string }>(
    await s.request("placeLayerDepth", { nodeId: frame, bytes: samplePng(150, 100) }),
  );
  return { fake: s.fake, frame, map: placed.resultNodeId };
}

/** Runs the sandbox again in Dev Mode's codegen mode on the same document. */
async function startCodegen(fake: FakeFigma) {
  session?.close();
  session = null;
  const api = fake.api as unknown as { mode: string; editorType: string };
  api.mode = "codegen";
  api.editorType = "dev";
  restoreCodegen = fake.install();
  const opened = fake.ui.state;
  vi.resetModules();
  await import("../../src/plugin/main.js");
  expect(fake.ui.state).toBe(opened);
  return async (nodeId: string, language: string) => {
    const node = (await fake.figma.getNodeByIdAsync(nodeId)) as SceneNode;
    return fake.api.codegen.generate(node, language);
  };
}

describe("codegen", () => {
  it("answers a depth map with a <depth-frame> snippet whose files match the export bundle", async () => {
    const placed = await placeResults();
    const generate = await startCodegen(placed.fake);
    const [html, ...rest] = await generate(placed.depth, "html");
    expect(rest).toEqual([]);
    expect(html).toMatchObject({ title: "<depth-frame> player", language: "HTML" });
    expect(html!.code).toContain('src="hero-photo.png"');
    expect(html!.code).toContain('depth="hero-photo-depth.png"');
    expect(html!.code).toContain('<script type="module" src="depth-frame.js"></script>');
    expect(html!.code).toContain("aspect-ratio: 300 / 200");
  });

  it("answers an MP4 animation with its camera path, a <video> snippet, React and JSON", async () => {
    const placed = await placeResults();
    const generate = await startCodegen(placed.fake);
    const html = await generate(placed.animation, "html");
    expect(html.map((s) => s.title)).toEqual(["<depth-frame> player", "Video"]);
    expect(html[0]!.code).toContain('duration="6"');
    expect(html[0]!.code).toContain('amplitude="1 0.5 1"');
    expect(html[0]!.code).toContain('gain="2"');
    expect(html[0]!.code).toContain('fallback="hero-photo.mp4"');
    expect(html[1]!.code).toBe(
      '<video src="hero-photo.mp4" poster="hero-photo.png" width="300" height="200" ' +
        "autoplay muted loop playsinline></video>",
    );

    const [react] = await generate(placed.animation, "react");
    expect(react).toMatchObject({ title: "React", language: "TYPESCRIPT" });
    expect(react!.code).toContain("export function HeroPhotoDepth()");
    expect(react!.code).toContain('duration="6"');

    const [json] = await generate(placed.animation, "json");
    expect(json!.language).toBe("JSON");
    const params = HandoffParams.parse(JSON.parse(json!.code)).results[0]!;
    expect(params).toMatchObject({
      kind: "animation",
      name: "Hero Photo",
      width: 300,
      height: 200,
      files: {
        source: "hero-photo.png",
        depth: "hero-photo-depth.png",
        animation: "hero-photo.mp4",
      },
      motion: { animationLength: 6, amplitudeX: 1, amplitudeY: 0.5, gain: 2 },
    });
    expect(params.options).toEqual(ANIMATION);
  });

  it("answers a layer depth map with the layered <depth-frame>: planes by layer names and depths", async () => {
    const placed = await placeLayeredScene();
    const generate = await startCodegen(placed.fake);
    const [html, ...rest] = await generate(placed.map, "html");
    expect(rest).toEqual([]);
    expect(html!.title).toBe("<depth-frame> player");
    expect(html!.code).toContain('src="hero-banner.png"');
    expect(html!.code).toContain(
      'layers="hero-banner-sky.png 0, hero-banner-hills.png 0.3, hero-banner-sun-disc.png 1"',
    );
    expect(html!.code).not.toContain("depth=");

    const [react] = await generate(placed.map, "react");
    expect(react!.code).toContain(
      'layers="hero-banner-sky.png 0, hero-banner-hills.png 0.3, hero-banner-sun-disc.png 1"',
    );
    expect(react!.code).toContain("export function HeroBannerDepth()");

    const [json] = await generate(placed.map, "json");
    const params = HandoffParams.parse(JSON.parse(json!.code)).results[0]!;
    expect(params).toMatchObject({
      kind: "layered",
      name: "Hero Banner",
      width: 300,
      height: 200,
      files: { source: "hero-banner.png", depth: "hero-banner-depth.png" },
      planes: [
        { name: "Sky", file: "hero-banner-sky.png", depth: 0 },
        { name: "Hills", file: "hero-banner-hills.png", depth: 0.3 },
        { name: "Sun / Disc", file: "hero-banner-sun-disc.png", depth: 1 },
      ],
    });
  });

  it("answers a layer depth map whose frame is gone as a depth map of its own", async () => {
    const placed = await placeLayeredScene();
    (await placed.fake.figma.getNodeByIdAsync(placed.frame))!.remove();
    const generate = await startCodegen(placed.fake);
    const [html] = await generate(placed.map, "html");
    expect(html!.code).toContain('src="hero-banner.png"');
    expect(html!.code).toContain('depth="hero-banner-depth.png"');
    expect(html!.code).not.toContain("layers=");
  });

  it("names a WebM animation .webm in every snippet", async () => {
    const placed = await placeResults();
    valueOf(
      await session!.request("place", {
        nodeId: placed.source,
        kind: "animation",
        bytes: webm,
        contentType: "video/webm",
        resultId: RESULT_ID,
        options: ANIMATION,
        engine: "local",
      }),
    );
    const generate = await startCodegen(placed.fake);
    const html = await generate(placed.animation, "html");
    expect(html.map((s) => s.title)).toEqual(["<depth-frame> player", "Video"]);
    expect(html[0]!.code).toContain('fallback="hero-photo.webm"');
    expect(html[1]!.code).toContain('<video src="hero-photo.webm" poster="hero-photo.png"');
    const [json] = await generate(placed.animation, "json");
    expect(HandoffParams.parse(JSON.parse(json!.code)).results[0]!.files.animation).toBe("hero-photo.webm");
    expect(JSON.stringify(await generate(placed.animation, "react"))).not.toContain(".mp4");
  });

  it("names the files after the source even once the source is gone", async () => {
    const placed = await placeResults();
    (await placed.fake.figma.getNodeByIdAsync(placed.source))!.remove();
    const generate = await startCodegen(placed.fake);
    const [json] = await generate(placed.depth, "json");
    expect(HandoffParams.parse(JSON.parse(json!.code)).results[0]!.files.depth).toBe("hero-photo-depth.png");
  });

  it("answers an animation whose depth map is gone with its video alone, no player", async () => {
    const placed = await placeResults();
    (await placed.fake.figma.getNodeByIdAsync(placed.depth))!.remove();
    const generate = await startCodegen(placed.fake);
    const html = await generate(placed.animation, "html");
    expect(html.map((s) => s.title)).toEqual(["Video"]);
    const [react] = await generate(placed.animation, "react");
    expect(react!.code).not.toContain("depth-frame");
    expect(react!.code).toContain('<video src="hero-photo.mp4" poster="hero-photo.png"');
    const [json] = await generate(placed.animation, "json");
    expect(HandoffParams.parse(JSON.parse(json!.code)).results[0]!.files).toEqual({
      source: "hero-photo.png",
      animation: "hero-photo.mp4",
    });
  });

  it("answers with no recorded options when the plugin data was edited into something else", async () => {
    const placed = await placeResults();
    const node = (await placed.fake.figma.getNodeByIdAsync(placed.animation)) as SceneNode;
    const generate = await startCodegen(placed.fake);
    for (const edited of ['{"animation": {"amplitudeX": "9"}}', "{not json"]) {
      node.setPluginData("depthframe.options", edited);
      const [json] = await generate(placed.animation, "json");
      expect(HandoffParams.parse(JSON.parse(json!.code)).results[0]).toMatchObject({ motion: {}, options: {} });
    }
  });

  it("gives a short answer for a layer that is not a result, and for its source", async () => {
    const placed = await placeResults();
    const generate = await startCodegen(placed.fake);
    for (const id of [placed.plain, placed.source]) {
      expect(await generate(id, "html")).toEqual([{ title: "Depthframe", language: "PLAINTEXT", code: NOT_A_RESULT }]);
    }
  });
});

describe("assets", () => {
  it("gives a placed result, and its source unless it has its own, a PNG export setting", async () => {
    const placed = await placeResults();
    const png = [{ format: "PNG", constraint: { type: "SCALE", value: 1 } }];
    for (const id of [placed.depth, placed.animation, placed.source]) {
      const node = (await placed.fake.figma.getNodeByIdAsync(id)) as SceneNode;
      expect(node.exportSettings).toEqual(png);
    }
    const jpg = [{ format: "JPG" as const }];
    const other = placed.fake.addFrame({ name: "Own" });
    other.exportSettings = jpg;
    await session!.request("place", {
      nodeId: other.id,
      kind: "depth",
      bytes: samplePng(30, 20),
      contentType: "image/png",
      resultId: RESULT_ID,
      options: DISPARITY,
    });
    expect(other.exportSettings).toEqual(jpg);
  });
});
