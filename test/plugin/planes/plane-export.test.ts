// Plane export against the fake figma: the planes of a card frame, composited back bottom to top,
// give the frame's own export within one level per channel, and the document is unchanged.
import { afterEach, describe, expect, it } from "vitest";
import { exportPlan } from "../../../src/plugin/export-size.js";
import type { FakeFigma, FakeNode } from "../../fake-figma/index.js";
import { solidPaint } from "../../fake-figma/index.js";
import { samplePng } from "../../fake-figma/sample-images.js";
import { startPlugin, valueOf, type PluginSession } from "../plugin-session.js";
import { addDirectMask, addMultiply, buildCard } from "./card-scene.js";
import { decodeRgba, loadSessionPlanes, maxDifference, recomposite } from "./plane-session.js";

let session: PluginSession | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

const LOOK = [
  "name",
  "visible",
  "x",
  "y",
  "width",
  "height",
  "rotation",
  "fills",
  "opacity",
  "effects",
  "blendMode",
  "isMask",
];

/** Everything about the document a plugin could change, as plain data. */
function snapshot(node: FakeNode): unknown {
  const own = Object.fromEntries(LOOK.filter((key) => key in node).map((key) => [key, (node as never)[key]]));
  const data = node.getPluginDataKeys().map((key) => [key, node.getPluginData(key)]);
  const children = "children" in node ? (node.children as readonly FakeNode[]).map(snapshot) : [];
  return { type: node.type, id: node.id, ...own, data, children };
}

async function frameExport(fake: FakeFigma, frameId: string, targetSize: number) {
  const frame = fake.figma.currentPage.children.find((n) => n.id === frameId)!;
  const plan = exportPlan(frame.width, frame.height, targetSize);
  return decodeRgba(await frame.exportAsync({ format: "PNG", constraint: plan.constraint, colorProfile: "SRGB" }));
}

async function openCard(extra?: (fake: FakeFigma, card: ReturnType<typeof buildCard>) => void) {
  let id = "";
  session = await startPlugin({}, (fake) => {
    const card = buildCard(fake);
    extra?.(fake, card);
    id = card.id;
  });
  return { s: session, id };
}

describe("plane export", () => {
  it("gives one plane per visible direct child, bottom to top, that composite back to the frame's export", async () => {
    const { s, id } = await openCard();
    const before = snapshot(s.fake.figma.root as unknown as FakeNode);
    const loaded = await loadSessionPlanes(s, id, 240);
    expect(loaded.planes.map((p) => p.info.name)).toEqual([
      "Card",
      "Backdrop",
      "Panel",
      "Avatar",
      "Tag",
      "Button",
      "Button label",
      "Veil",
      "Ribbon",
    ]);
    expect(loaded.notes).toEqual([]);
    for (const plane of loaded.planes) {
      expect([plane.pixels.width, plane.pixels.height]).toEqual([240, 160]);
    }
    expect(maxDifference(recomposite(loaded), await frameExport(s.fake, id, 240))).toBeLessThanOrEqual(1);
    // Nothing was added, moved, restyled or undone: only exports were made.
    expect(snapshot(s.fake.figma.root as unknown as FakeNode)).toEqual(before);
    expect(s.fake.undoSteps).toEqual([]);
  });

  it("places each layer in the frame's coordinates: rotated, shadowed and clipped by the frame", async () => {
    const { s, id } = await openCard();
    const loaded = await loadSessionPlanes(s, id, 240);
    const plane = (name: string) => loaded.planes.find((p) => p.info.name === name)!;
    // The quarter-turned tag spans x 200..220 and y 80..140 of the frame.
    expect(plane("Tag").info.bounds).toEqual({ left: 200, top: 80, right: 220, bottom: 140 });
    // The button's shadow (offset 4, 6, blur 4) reaches 8 px right and 10 px down past it, and is drawn.
    expect(plane("Button").info.bounds).toEqual({ left: 24, top: 110, right: 128, bottom: 152 });
    const alphaAt = (name: string, x: number, y: number) => plane(name).pixels.data[(y * 240 + x) * 4 + 3]!;
    expect(alphaAt("Button", 122, 146)).toBeGreaterThan(0);
    expect(alphaAt("Button", 122, 146)).toBeLessThan(255);
    // The ribbon is cut at the frame's right edge, and the panel's overflow at the panel's.
    expect(plane("Ribbon").info.bounds.right).toBe(240);
    expect(alphaAt("Panel", 140, 30)).toBe(0);
    // Transparent wherever a plane has nothing.
    expect(alphaAt("Veil", 10, 10)).toBe(0);
    expect(alphaAt("Veil", 140, 110)).toBe(128);
  });

  it("scales planes like exports, and keeps a mask with what it cuts", async () => {
    const { s, id } = await openCard((fake, card) => addDirectMask(fake, card));
    const loaded = await loadSessionPlanes(s, id, 120);
    expect([loaded.width, loaded.height, loaded.scale]).toEqual([120, 80, 0.5]);
    const last = loaded.planes.at(-1)!;
    expect(last.info.name).toBe("Window");
    expect(last.info.nodeIds).toHaveLength(2);
    expect(maxDifference(recomposite(loaded), await frameExport(s.fake, id, 120))).toBeLessThanOrEqual(1);
  });

  it("merges a multiply layer with the layers below it and says so", async () => {
    const { s, id } = await openCard((fake, card) => addMultiply(fake, card));
    const loaded = await loadSessionPlanes(s, id, 240);
    expect(loaded.planes[0]!.info.name).toBe("Card … Tint");
    expect(loaded.planes).toHaveLength(1);
    expect(loaded.notes).toEqual([
      "“Tint” uses the multiply blend mode, which mixes it with the layers below: they are one plane.",
    ]);
    expect(maxDifference(recomposite(loaded), await frameExport(s.fake, id, 240))).toBeLessThanOrEqual(1);
  });

  it("opens a frame and a group the designer chose into their layers", async () => {
    const { s, id } = await openCard();
    const panelId = (s.fake.figma.currentPage.children[0] as FrameNode).children[1]!.id;
    const rowId = ((s.fake.figma.currentPage.children[0] as FrameNode).children[1] as FrameNode).children[1]!.id;
    const loaded = await loadSessionPlanes(s, id, 240, [panelId, rowId]);
    expect(loaded.planes.map((p) => p.info.name).slice(0, 6)).toEqual([
      "Card",
      "Backdrop",
      "Panel",
      "Overflow",
      "Dot",
      "Price",
    ]);
    expect(maxDifference(recomposite(loaded), await frameExport(s.fake, id, 240))).toBeLessThanOrEqual(1);
  });
});

describe("plane depths in plugin data", () => {
  it("stores a plane's depth on its layer, reads it back with the planes, and clears it", async () => {
    const { s, id } = await openCard();
    const first = await loadSessionPlanes(s, id, 240);
    const button = first.planes.find((p) => p.info.name === "Button")!.info;
    expect(button.storedDepth).toBeNull();
    expect((await s.request("setPlaneDepth", { nodeId: button.key, depth: 0.8 })).ok).toBe(true);
    const layer = await s.fake.figma.getNodeByIdAsync(button.key);
    expect(layer!.getPluginData("depthframe.planeDepth")).toBe("0.8");
    const again = await loadSessionPlanes(s, id, 240);
    expect(again.planes.find((p) => p.info.key === button.key)!.info.storedDepth).toBe(0.8);
    await s.request("setPlaneDepth", { nodeId: button.key, depth: null });
    expect((await loadSessionPlanes(s, id, 240)).planes.find((p) => p.info.key === button.key)!.info.storedDepth).toBe(
      null,
    );
  });

  it("finds a photo plane, stores its relief choice on its layer and reads it back; only photos keep one", async () => {
    const { s, id } = await openCard((fake, card) => {
      fake.addImageFrame(samplePng(80, 60, 3), { parent: card, name: "Shot", x: 140, y: 90, width: 80, height: 60 });
    });
    const first = await loadSessionPlanes(s, id, 240);
    const photos = first.planes.filter((p) => p.info.photo).map((p) => p.info.name);
    expect(photos).toEqual(["Shot"]);
    const shot = first.planes.find((p) => p.info.name === "Shot")!.info;
    expect(shot.relief).toBe(false);
    expect((await s.request("setPlaneRelief", { nodeId: shot.key, relief: true })).ok).toBe(true);
    expect((await s.fake.figma.getNodeByIdAsync(shot.key))!.getPluginData("depthframe.planeRelief")).toBe("on");
    const button = first.planes.find((p) => p.info.name === "Button")!.info;
    await s.request("setPlaneRelief", { nodeId: button.key, relief: true });
    const again = await loadSessionPlanes(s, id, 240);
    const relief = Object.fromEntries(again.planes.map((p) => [p.info.name, p.info.relief]));
    expect(relief).toMatchObject({ Shot: true, Button: false });
    await s.request("setPlaneRelief", { nodeId: shot.key, relief: false });
    expect((await loadSessionPlanes(s, id, 240)).planes.find((p) => p.info.key === shot.key)!.info.relief).toBe(false);
  });

  it("refuses a depth outside 0..1 without storing it", async () => {
    const { s, id } = await openCard();
    const key = (await loadSessionPlanes(s, id, 240)).planes[1]!.info.key;
    expect((await s.request("setPlaneDepth", { nodeId: key, depth: 2 })).ok).toBe(false);
    expect((await s.fake.figma.getNodeByIdAsync(key))!.getPluginData("depthframe.planeDepth")).toBe("");
  });
});

describe("plane export refusals", () => {
  const refusal = async (build: (fake: FakeFigma) => string, options = {}, targetSize = 240) => {
    let id = "";
    session = await startPlugin(options, (fake) => {
      id = build(fake);
    });
    const before = snapshot(session.fake.figma.root as unknown as FakeNode);
    const error = await loadSessionPlanes(session, id, targetSize).then(
      () => null,
      (e: Error) => e.message.replace("the plugin answered with an error: ", ""),
    );
    expect(snapshot(session.fake.figma.root as unknown as FakeNode)).toEqual(before);
    expect(session.fake.undoSteps).toEqual([]);
    return error;
  };

  it("says an empty frame has no layers", async () => {
    expect(await refusal((fake) => fake.addFrame({ name: "Empty", fills: [] }).id)).toMatch(
      /“Empty” has no visible layers to make planes of/,
    );
  });

  it("says a frame of one layer has no depth of its own", async () => {
    const message = await refusal((fake) => {
      const frame = fake.addFrame({ name: "Solo", fills: [] });
      fake.addRectangle({ parent: frame, name: "Only" });
      return frame.id;
    });
    expect(message).toBe("“Solo” has one layer, so it has no depth of its own: make a depth map of it instead.");
  });

  it("names the layer that fails to export", async () => {
    const message = await refusal(
      (fake) => {
        const frame = buildCard(fake);
        return frame.id;
      },
      // Large enough for the small layers, too small for the full-bleed ones.
      { maxExportPixels: 30_000 },
    );
    expect(message).toBe("The layer “Backdrop” could not be exported (memory access out of bounds).");
  });

  it("scales the planes of a frame larger than 4096 px like its export", async () => {
    session = await startPlugin({}, (fake) => {
      const frame = fake.addFrame({ name: "Poster", width: 6000, height: 3000, fills: [solidPaint(1, 1, 1)] });
      fake.addRectangle({ parent: frame, x: 1000, y: 1000, width: 2000, height: 1000 });
    });
    const id = session.fake.figma.currentPage.children[0]!.id;
    const plan = valueOf<{ width: number; height: number; scale: number }>(
      await session.request("planes", { nodeId: id, targetSize: 8192, open: [] }),
    );
    expect(plan).toMatchObject({ width: 4096, height: 2048 });
    expect(plan.scale).toBeCloseTo(4096 / 6000, 10);
  });
});
