// The "Export for developers" zip parsed back: its files, their types and sizes, params.json valid
// against its schema, and the page naming exactly the files the zip holds.
import { unzipSync } from "fflate";
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { HandoffParams } from "../../src/shared/handoff-params.js";
import { pngSize, sniffImage } from "../../src/shared/image-bytes.js";
import type { HandoffResult } from "../../src/shared/messages.js";
import { handoffZip, type HandedOff } from "../../src/ui/handoff-zip.js";

const PLAYER = "export class DepthFrameElement {}\n";
const png = (width: number, height: number, depth: 8 | 16) =>
  encode({
    width,
    height,
    data: depth === 16 ? new Uint16Array(width * height).fill(40000) : new Uint8Array(width * height).fill(90),
    channels: 1,
    depth,
  });
const mp4 = Uint8Array.from([0, 0, 0, 16, ...new TextEncoder().encode("ftypisom"), 0, 0, 2, 0]);
const gif = Uint8Array.from([...new TextEncoder().encode("GIF89a"), 4, 0, 2, 0, 0, 0, 0, 0x3b]);

const depthOptions = { outputBitDepth: "uint16" as const };
const base = { options: depthOptions, hasDepthMap: true, width: 300, height: 200 };
const hero = (kind: HandoffResult["kind"], extra: Partial<HandoffResult> = {}): HandoffResult => ({
  ...base,
  kind,
  sourceName: "Hero / Photo",
  ...(kind === "animation"
    ? { animationFormat: "mp4", options: { disparity: depthOptions, animation: { animationLength: 5, gain: 1.5 } } }
    : {}),
  ...extra,
});

function items(): HandedOff[] {
  const source = png(150, 100, 8);
  const depth = png(150, 100, 16);
  return [
    { sourceId: "1:1", result: hero("depth"), source, depth, animation: null },
    { sourceId: "1:1", result: hero("animation"), source, depth, animation: mp4 },
    // Another layer of the same name, and a Windows-reserved one with a GIF and no depth map.
    { sourceId: "1:2", result: hero("depth"), source, depth, animation: null },
    {
      sourceId: "1:3",
      result: hero("animation", { sourceName: "CON", animationFormat: "gif", hasDepthMap: false }),
      source,
      depth: null,
      animation: gif,
    },
  ];
}

describe("handoffZip", () => {
  it("holds each source's files once, named safely and uniquely, with params.json, the player and a page", () => {
    const files = unzipSync(handoffZip(items(), PLAYER));
    expect(Object.keys(files).sort()).toEqual([
      "con-layer.gif",
      "con-layer.png",
      "depth-frame.js",
      "hero-photo-2-depth.png",
      "hero-photo-2.png",
      "hero-photo-depth.png",
      "hero-photo.mp4",
      "hero-photo.png",
      "index.html",
      "params.json",
    ]);
    const depth = files["hero-photo-depth.png"]!;
    expect(sniffImage(depth)).toBe("image/png");
    expect(depth[24]).toBe(16); // IHDR bit depth: the 16-bit map as stored
    expect(pngSize(files["hero-photo.png"]!)).toEqual({ width: 150, height: 100 });
    expect(files["hero-photo.mp4"]).toEqual(mp4);
    expect(sniffImage(files["con-layer.gif"]!)).toBe("image/gif");
    expect(new TextDecoder().decode(files["depth-frame.js"])).toBe(PLAYER);
  });

  it("writes params.json valid against its schema, naming only files in the zip", () => {
    const files = unzipSync(handoffZip(items(), PLAYER));
    const params = HandoffParams.parse(JSON.parse(new TextDecoder().decode(files["params.json"])));
    expect(params.results).toHaveLength(4);
    expect(params.results[1]).toMatchObject({
      kind: "animation",
      name: "Hero / Photo",
      files: { source: "hero-photo.png", depth: "hero-photo-depth.png", animation: "hero-photo.mp4" },
      motion: { animationLength: 5, gain: 1.5 },
    });
    expect(params.results[3]!.files).toEqual({ source: "con-layer.png", animation: "con-layer.gif" });
    for (const result of params.results) {
      for (const name of Object.values(result.files)) expect(files[name!]).toBeDefined();
    }
  });

  it("plays each result on index.html: the player where there is a depth map, the GIF where not", () => {
    const html = new TextDecoder().decode(unzipSync(handoffZip(items(), PLAYER))["index.html"]);
    expect(html).toContain('<script type="module" src="depth-frame.js"></script>');
    expect(html.match(/<depth-frame\b/g)).toHaveLength(3);
    expect(html).toContain('src="hero-photo-2.png"');
    expect(html).toContain('fallback="hero-photo.mp4"');
    expect(html).toContain('<img src="con-layer.gif" alt="CON"');
    for (const [, name] of html.matchAll(/(?:src|depth|fallback)="([^"]+)"/g)) {
      expect(unzipSync(handoffZip(items(), PLAYER))[name!]).toBeDefined();
    }
  });

  describe("a layered scene", () => {
    const layered: HandoffResult = {
      ...base,
      kind: "layered",
      sourceName: "Hero / Photo",
      options: {},
      planes: [
        { name: "Sky", depth: 0 },
        { name: "Title", depth: 0.8 },
        { name: "Title", depth: 0.9 },
      ],
    };
    const rgba = (value: number) =>
      encode({ width: 150, height: 100, data: new Uint8Array(150 * 100 * 4).fill(value), channels: 4, depth: 8 });
    const planes = [rgba(255), rgba(128), rgba(0)];
    // The same frame's own depth map too: the layered scene's map is another file.
    const scene = (): HandedOff[] => [
      items()[0]!,
      { sourceId: "1:1", result: layered, source: png(150, 100, 8), depth: png(150, 100, 16), animation: null, planes },
    ];

    it("holds its planes, each named after its layer, with its depth in params.json", () => {
      const files = unzipSync(handoffZip(scene(), PLAYER));
      expect(Object.keys(files).sort()).toEqual([
        "depth-frame.js",
        "hero-photo-2-depth.png",
        "hero-photo-2-sky.png",
        "hero-photo-2-title-2.png",
        "hero-photo-2-title.png",
        "hero-photo-2.png",
        "hero-photo-depth.png",
        "hero-photo.png",
        "index.html",
        "params.json",
      ]);
      expect(files["hero-photo-2-title.png"]).toEqual(planes[1]);
      expect(files["hero-photo-2-sky.png"]![25]).toBe(6); // IHDR colour type: RGBA, the plane's alpha kept
      const params = HandoffParams.parse(JSON.parse(new TextDecoder().decode(files["params.json"])));
      expect(params.results[1]).toMatchObject({
        kind: "layered",
        files: { source: "hero-photo-2.png", depth: "hero-photo-2-depth.png" },
        planes: [
          { name: "Sky", file: "hero-photo-2-sky.png", depth: 0 },
          { name: "Title", file: "hero-photo-2-title.png", depth: 0.8 },
          { name: "Title", file: "hero-photo-2-title-2.png", depth: 0.9 },
        ],
      });
    });

    it("plays it on index.html from the layers attribute", () => {
      const html = new TextDecoder().decode(unzipSync(handoffZip(scene(), PLAYER))["index.html"]);
      expect(html).toContain(
        'layers="hero-photo-2-sky.png 0, hero-photo-2-title.png 0.8, hero-photo-2-title-2.png 0.9"',
      );
      expect(html.match(/<depth-frame\b/g)).toHaveLength(2);
    });

    it("refuses it when a plane is missing", () => {
      const broken = scene();
      broken[1] = { ...broken[1]!, planes: planes.slice(0, 2) };
      expect(() => handoffZip(broken, PLAYER)).toThrow("The layer “Title” of “Hero / Photo” is missing.");
    });
  });

  it("names a WebM animation .webm, and the player falls back to it", () => {
    const webm = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
    const result = hero("animation", { animationFormat: "webm" });
    const files = unzipSync(handoffZip([{ ...items()[1]!, result, animation: webm }], PLAYER));
    expect(files["hero-photo.webm"]).toEqual(webm);
    expect(files["hero-photo.mp4"]).toBeUndefined();
    expect(new TextDecoder().decode(files["index.html"])).toContain('fallback="hero-photo.webm"');
  });

  it("refuses a result whose file is missing, and an empty selection", () => {
    const broken = items();
    broken[1] = { ...broken[1]!, animation: null };
    expect(() => handoffZip(broken, PLAYER)).toThrow("The animation of “Hero / Photo” is missing.");
    expect(() => handoffZip([], PLAYER)).toThrow("Select at least one Depthframe result to export.");
  });
});
