// The sandbox against the fake figma: selection, export, placement, settings and the batch's end.
import { decode } from "fast-png";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExportAnswer, PlaceAnswer, ReadyAnswer } from "../../src/shared/messages.js";

type Placed = Extract<PlaceAnswer, { resultNodeId: string }>;
import { DATA } from "../../src/plugin/plugin-data.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { samplePng, solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { SMALLEST_MP4 } from "../helpers/mp4.js";
import { startPlugin, valueOf, type PluginSession } from "./plugin-session.js";

let session: PluginSession | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

const RESULT_ID = "f".repeat(64);
const OPTIONS = { dilation: 0.0063, outputBitDepth: "uint8" as const, inputType: "image2d" as const };

async function open(build?: (fake: FakeFigma) => void, command = "depth") {
  session = await startPlugin({ command }, build);
  return session;
}

const place = (s: PluginSession, nodeId: string, bytes = samplePng(20, 10)) =>
  s.request("place", { nodeId, kind: "depth", bytes, contentType: "image/png", resultId: RESULT_ID, options: OPTIONS });

describe("ready and settings", () => {
  it("answers the command and the default settings, then saves settings to clientStorage only", async () => {
    const s = await open(undefined, "settings");
    expect(valueOf<ReadyAnswer>(await s.request("ready", {}))).toEqual({
      command: "settings",
      settings: DEFAULT_SETTINGS,
    });
    const settings = { ...DEFAULT_SETTINGS, backendUrl: "https://depth.example.com", apiKey: "secret-key-0123456789" };
    expect((await s.request("saveSettings", { settings })).ok).toBe(true);
    expect(await s.fake.figma.clientStorage.getAsync("settings")).toEqual(settings);

    // A second run of the plugin reads them back.
    const again = await startPlugin({ command: "depth", clientStorage: s.fake.clientStorage });
    try {
      expect(valueOf<ReadyAnswer>(await again.request("ready", {})).settings.apiKey).toBe("secret-key-0123456789");
    } finally {
      again.close();
    }
  });

  it("ignores and logs a message it does not know, and keeps serving", async () => {
    const s = await open();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const before = s.fake.ui.sent.length;
    await s.fake.deliverFromUi({ type: "selfDestruct" });
    expect(s.fake.ui.sent.length).toBe(before);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    expect((await s.request("ready", {})).ok).toBe(true);
  });

  it("answers a malformed request with an error instead of leaving the UI waiting", async () => {
    const s = await open();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const answer = await s.request("export", { nodeId: "1:2", targetSize: -5 });
    warn.mockRestore();
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^The plugin refused the request/) });
  });
});

describe("selection", () => {
  it("takes frames, groups, components, instances, sections and image layers; lists the rest, with why", async () => {
    let ids: Record<string, string> = {};
    const s = await open((fake) => {
      const frame = fake.addFrame({ name: "Card", width: 400, height: 300 });
      const component = fake.addComponent({ name: "Button", x: 500, width: 120, height: 40 });
      const instance = fake.addInstance(component, { name: "Button instance", x: 700 });
      const section = fake.addSection({ name: "Section", y: 500, width: 300, height: 300 });
      const group = fake.addGroup(
        [fake.addRectangle({ x: 900, width: 10, height: 10, fills: [solidPaint(1, 0, 0)] })],
        { name: "Group" },
      );
      const photo = fake.addImageFrame(samplePng(64, 48), { name: "Photo", x: 1000, width: 64, height: 48 });
      const text = fake.addText("Hello", { name: "Title", y: 900 });
      const plain = fake.addRectangle({ name: "Box", y: 1000, width: 50, height: 50, fills: [solidPaint(0, 0, 1)] });
      ids = {
        frame: frame.id,
        component: component.id,
        instance: instance.id,
        section: section.id,
        group: group.id,
        photo: photo.id,
        text: text.id,
        plain: plain.id,
      };
      fake.figma.currentPage.selection = [
        frame,
        component,
        instance,
        section,
        group,
        photo,
        text,
        plain,
      ] as unknown as SceneNode[];
    });
    await s.request("ready", {});
    const event = await s.nextSelection();
    expect(event.items.map((i) => i.nodeId)).toEqual([
      ids.frame,
      ids.component,
      ids.instance,
      ids.section,
      ids.group,
      ids.photo,
    ]);
    expect(event.skipped.map((i) => i.nodeId)).toEqual([ids.text, ids.plain]);
    expect(event.skipped[0]!.reason).toMatch(/text layers are not supported/);
    expect(event.items[0]).toMatchObject({ name: "Card", width: 400, height: 300 });
    const thumbnail = decode(event.items[0]!.thumbnail!);
    expect(Math.max(thumbnail.width, thumbnail.height)).toBe(128);
    expect(event.regenerate).toBe(false);
  });

  it("tells the UI again when the selection changes", async () => {
    let second = "";
    const s = await open((fake) => {
      fake.addFrame({ name: "A", width: 10, height: 10 });
      second = fake.addFrame({ name: "B", x: 50, width: 10, height: 10 }).id;
    });
    await s.request("ready", {});
    await s.nextSelection();
    const node = await s.fake.figma.getNodeByIdAsync(second);
    s.fake.figma.currentPage.selection = [node as SceneNode];
    expect((await s.nextSelection()).items.map((i) => i.name)).toEqual(["B"]);
  });
});

describe("export", () => {
  it("exports a frame as PNG with its long side at the target size", async () => {
    let id = "";
    const s = await open(
      (fake) => (id = fake.addFrame({ name: "Wide", width: 1000, height: 500, fills: [solidPaint(0.2, 0.4, 0.6)] }).id),
    );
    const exported = valueOf<ExportAnswer>(await s.request("export", { nodeId: id, targetSize: 2048 }));
    expect(exported).toMatchObject({ contentType: "image/png", width: 2048, height: 1024, original: false });
    const png = decode(exported.bytes);
    expect([png.width, png.height]).toEqual([2048, 1024]);
  });

  it("keeps a frame larger than 4096 px within Figma's limit", async () => {
    let id = "";
    const s = await open((fake) => (id = fake.addFrame({ name: "Huge", width: 6000, height: 4000 }).id));
    const exported = valueOf<ExportAnswer>(await s.request("export", { nodeId: id, targetSize: 4096 }));
    expect([exported.width, exported.height]).toEqual([4096, 2731]);
    expect(s.fake.exports.at(-1)!.settings).toMatchObject({ constraint: { type: "WIDTH", value: 4096 } });
  });

  it("sends an image layer's own bytes when the image is all it shows", async () => {
    const bytes = samplePng(300, 200, 3);
    let id = "";
    const s = await open((fake) => (id = fake.addImageFrame(bytes, { name: "Photo", width: 150, height: 100 }).id));
    const exported = valueOf<ExportAnswer>(await s.request("export", { nodeId: id, targetSize: 2048 }));
    expect(exported).toMatchObject({ original: true, contentType: "image/png", width: 300, height: 200 });
    expect(exported.bytes).toEqual(bytes);
    expect(s.fake.exports.filter((e) => e.nodeId === id)).toHaveLength(0);
  });

  it("exports instead when something else changes what the image layer shows", async () => {
    let stroked = "";
    let cropped = "";
    const s = await open((fake) => {
      const layer = fake.addImageFrame(samplePng(300, 200, 4), { name: "Stroked", width: 150, height: 100 });
      (layer as unknown as RectangleNode).strokes = [solidPaint(0, 0, 0)];
      stroked = layer.id;
      cropped = fake.addImageFrame(samplePng(300, 300, 5), { name: "Cropped", x: 400, width: 150, height: 100 }).id;
    });
    for (const nodeId of [stroked, cropped]) {
      expect(valueOf<ExportAnswer>(await s.request("export", { nodeId, targetSize: 512 })).original).toBe(false);
    }
  });

  it("says an export that comes back empty could not be read, not how the bytes failed to parse", async () => {
    let id = "";
    const s = await open((fake) => (id = fake.addFrame({ name: "Blank", width: 100, height: 100 }).id));
    const node = (await s.fake.figma.getNodeByIdAsync(id)) as FrameNode;
    node.exportAsync = (async () => new Uint8Array(0)) as FrameNode["exportAsync"];
    const answer = await s.request("export", { nodeId: id, targetSize: 512 });
    expect(answer).toMatchObject({ ok: false, error: "it came back empty or could not be read" });
  });

  it("answers an error for a layer that is gone", async () => {
    const s = await open();
    const answer = await s.request("export", { nodeId: "999:999", targetSize: 512 });
    expect(answer).toMatchObject({ ok: false, error: "That layer no longer exists." });
  });
});

describe("placement", () => {
  it("puts the result right of its source, past siblings, linked by plugin data, as one undo step", async () => {
    let source = "";
    const s = await open((fake) => {
      const frame = fake.addFrame({ name: "Card", x: 0, y: 0, width: 200, height: 100 });
      fake.addFrame({ name: "Neighbour", x: 260, y: 20, width: 100, height: 50 });
      source = frame.id;
    });
    const before = s.fake.undoSteps.length;
    const placed = valueOf<Placed>(await place(s, source));
    expect(placed.updated).toBe(false);
    const result = (await s.fake.figma.getNodeByIdAsync(placed.resultNodeId)) as RectangleNode;
    expect(result.type).toBe("RECTANGLE");
    expect(result.name).toBe("Card — Depth");
    expect([result.x, result.y, result.width, result.height]).toEqual([260 + 100 + 40, 0, 200, 100]);
    expect(result.parent?.type).toBe("PAGE");
    const fill = (result.fills as readonly Paint[])[0] as ImagePaint;
    expect(fill).toMatchObject({ type: "IMAGE", scaleMode: "FILL" });
    expect(s.fake.figma.getImageByHash(fill.imageHash!)).not.toBeNull();
    expect(result.getPluginData(DATA.sourceId)).toBe(source);
    expect(result.getPluginData(DATA.resultId)).toBe(RESULT_ID);
    expect(JSON.parse(result.getPluginData(DATA.options))).toEqual(OPTIONS);
    expect(result.getRelaunchData()).toHaveProperty("regenerate");
    expect(s.fake.undoSteps.length - before).toBe(1);
  });

  it("updates the earlier result in place on a second run", async () => {
    let source = "";
    const s = await open((fake) => (source = fake.addFrame({ name: "Card", width: 200, height: 100 }).id));
    const first = valueOf<Placed>(await place(s, source, samplePng(20, 10, 1)));
    const second = valueOf<Placed>(await place(s, source, samplePng(20, 10, 2)));
    expect(second).toEqual({ resultNodeId: first.resultNodeId, updated: true });
    expect(s.fake.figma.currentPage.children.filter((n) => n.name === "Card — Depth")).toHaveLength(1);
    expect(s.fake.undoSteps).toHaveLength(2);
  });

  it("places inside the source's parent frame, and refuses bytes Figma cannot take", async () => {
    let source = "";
    const s = await open((fake) => {
      const board = fake.addFrame({ name: "Board", width: 2000, height: 1000 });
      source = fake.addFrame({ name: "Inner", parent: board, x: 100, y: 100, width: 300, height: 200 }).id;
    });
    const placed = valueOf<Placed>(await place(s, source));
    const result = (await s.fake.figma.getNodeByIdAsync(placed.resultNodeId)) as RectangleNode;
    expect(result.parent?.name).toBe("Board");
    expect([result.x, result.y]).toEqual([440, 100]);
    const refused = await place(s, source, new Uint8Array([1, 2, 3, 4]));
    expect(refused.ok).toBe(false);
    expect(s.fake.undoSteps).toHaveLength(1);
  });

  it("never writes the API key into the document", async () => {
    let source = "";
    const s = await open((fake) => (source = fake.addFrame({ name: "Card", width: 200, height: 100 }).id));
    await s.request("saveSettings", { settings: { ...DEFAULT_SETTINGS, apiKey: "do-not-store-this-key" } });
    const placed = valueOf<Placed>(await place(s, source));
    for (const id of [source, placed.resultNodeId]) {
      const node = (await s.fake.figma.getNodeByIdAsync(id)) as SceneNode;
      for (const key of node.getPluginDataKeys())
        expect(node.getPluginData(key)).not.toContain("do-not-store-this-key");
    }
  });
});

describe("animations", () => {
  const ANIMATION = { disparity: OPTIONS, animation: { animationType: "mp4" as const, amplitudeX: 1 } };
  const gif = new Uint8Array([...new TextEncoder().encode("GIF89a"), 20, 0, 10, 0, 0, 0, 0, 0x3b]);

  const animate = (s: PluginSession, nodeId: string, bytes: Uint8Array, contentType: "video/mp4" | "image/gif") =>
    s.request("place", { nodeId, kind: "animation", bytes, contentType, resultId: RESULT_ID, options: ANIMATION });

  it("places an MP4 as a video fill named '— 3D', one undo step, with Regenerate", async () => {
    let source = "";
    const s = await open((fake) => (source = fake.addFrame({ name: "Hero", width: 300, height: 200 }).id));
    const placed = valueOf<Placed>(await animate(s, source, SMALLEST_MP4, "video/mp4"));
    const node = (await s.fake.figma.getNodeByIdAsync(placed.resultNodeId)) as RectangleNode;
    expect(node.name).toBe("Hero — 3D");
    expect((node.fills as readonly Paint[])[0]).toMatchObject({ type: "VIDEO", scaleMode: "FILL" });
    expect(JSON.parse(node.getPluginData(DATA.options))).toEqual(ANIMATION);
    expect(node.getRelaunchData()).toHaveProperty("regenerate");
    expect(s.fake.undoSteps).toHaveLength(1);
  });

  it("says the video was refused in a Starter team's file, and changes nothing", async () => {
    let source = "";
    session = await startPlugin(
      { command: "animation", videoAllowed: false },
      (fake) => (source = fake.addFrame({ name: "Hero", width: 300, height: 200 }).id),
    );
    const answer = valueOf<PlaceAnswer>(await animate(session, source, SMALLEST_MP4, "video/mp4"));
    expect(answer).toHaveProperty("videoRefused");
    expect(session.fake.figma.currentPage.children).toHaveLength(1);
    expect(session.fake.undoSteps).toHaveLength(0);
    const fallback = valueOf<Placed>(await animate(session, source, gif, "image/gif"));
    const node = (await session.fake.figma.getNodeByIdAsync(fallback.resultNodeId)) as RectangleNode;
    expect((node.fills as readonly Paint[])[0]).toMatchObject({ type: "IMAGE" });
    expect(session.fake.undoSteps).toHaveLength(1);
  });

  it("keeps a layer's depth map and its animation as two results, and tells the UI about the depth map", async () => {
    let source = "";
    const s = await open((fake) => {
      const frame = fake.addFrame({ name: "Hero", width: 300, height: 200 });
      source = frame.id;
    });
    const depth = valueOf<Placed>(await place(s, source));
    const animation = valueOf<Placed>(await animate(s, source, gif, "image/gif"));
    expect(animation.resultNodeId).not.toBe(depth.resultNodeId);
    await s.request("ready", {});
    s.fake.figma.currentPage.selection = [(await s.fake.figma.getNodeByIdAsync(source)) as SceneNode];
    const item = (await s.nextSelection()).items[0]!;
    expect(item.depth).toMatchObject({ resultId: RESULT_ID, options: OPTIONS });
    expect(item.animation).toEqual({ resultId: RESULT_ID });
  });
});

describe("the end of a batch", () => {
  it("selects the new results, scrolls to them and says what happened", async () => {
    let source = "";
    const s = await open((fake) => (source = fake.addFrame({ name: "Card", width: 200, height: 100 }).id));
    const placed = valueOf<Placed>(await place(s, source));
    await s.request("finish", { placedNodeIds: [placed.resultNodeId], message: "1 depth map placed", select: true });
    expect(s.fake.figma.currentPage.selection.map((n) => n.id)).toEqual([placed.resultNodeId]);
    expect(s.fake.viewport.scrolledIntoView.at(-1)).toEqual([placed.resultNodeId]);
    expect(s.fake.notifications.at(-1)).toMatchObject({ requested: "1 depth map placed", truncated: false });
  });

  it("keeps the designer's selection when the UI says it changed during the batch", async () => {
    let source = "";
    let other = "";
    const s = await open((fake) => {
      source = fake.addFrame({ name: "Card", width: 200, height: 100 }).id;
      other = fake.addFrame({ name: "Other", x: 900, width: 50, height: 50 }).id;
    });
    const placed = valueOf<Placed>(await place(s, source));
    s.fake.figma.currentPage.selection = [(await s.fake.figma.getNodeByIdAsync(other)) as SceneNode];
    const zooms = s.fake.viewport.scrolledIntoView.length;
    await s.request("finish", { placedNodeIds: [placed.resultNodeId], message: "1 depth map placed", select: false });
    expect(s.fake.figma.currentPage.selection.map((n) => n.id)).toEqual([other]);
    expect(s.fake.viewport.scrolledIntoView).toHaveLength(zooms);
  });
});

describe("Regenerate", () => {
  it("describes a selected result as a result: kind, source, options and when it was made", async () => {
    let source = "";
    const first = await startPlugin(
      { command: "depth" },
      (fake) => (source = fake.addFrame({ name: "Card", width: 200, height: 100 }).id),
    );
    const placed = valueOf<Placed>(await place(first, source));
    const resultNode = (await first.fake.figma.getNodeByIdAsync(placed.resultNodeId)) as SceneNode;
    first.fake.figma.currentPage.selection = [resultNode];
    // Let the first run tell its UI, so nothing of it is still pending.
    const listed = await first.nextSelection();
    expect(listed).toMatchObject({ items: [], skipped: [], regenerate: false });
    expect(listed.results).toEqual([
      {
        nodeId: placed.resultNodeId,
        name: "Card — Depth",
        kind: "depth",
        sourceId: source,
        sourceName: "Card",
        options: OPTIONS,
        madeAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        engine: "immersity",
      },
    ]);
    first.close();

    // The relaunch button starts the plugin again with command "regenerate" on the same document.
    session = first;
    const restore = first.fake.install();
    (first.fake.api as unknown as { command: string }).command = "regenerate";
    vi.resetModules();
    await import("../../src/plugin/main.js");
    const seen = first.fake.ui.sent.length;
    await first.fake.deliverFromUi({ type: "ready", id: 100 });
    let event;
    while (!(event = first.fake.ui.sent.slice(seen).find((m) => (m as { regenerate?: boolean }).regenerate === true))) {
      await new Promise((r) => setTimeout(r, 20));
    }
    restore();
    expect(event).toMatchObject({
      regenerate: true,
      items: [],
      results: [{ nodeId: placed.resultNodeId, kind: "depth", sourceId: source }],
    });
  });

  it("skips a result whose source is gone, and selects a source when asked", async () => {
    let source = "";
    const s = await open((fake) => (source = fake.addFrame({ name: "Card", width: 200, height: 100 }).id));
    const placed = valueOf<Placed>(await place(s, source));
    await s.request("select", { nodeIds: [source] });
    expect(s.fake.figma.currentPage.selection.map((n) => n.id)).toEqual([source]);
    expect(s.fake.viewport.scrolledIntoView.at(-1)).toEqual([source]);
    ((await s.fake.figma.getNodeByIdAsync(source)) as SceneNode).remove();
    s.fake.figma.currentPage.selection = [(await s.fake.figma.getNodeByIdAsync(placed.resultNodeId)) as SceneNode];
    const event = await s.nextSelection();
    expect(event.results).toEqual([]);
    expect(event.skipped[0]?.reason).toMatch(/source layer is gone/);
  });
});
