// The sandbox knows what it made: each listed layer says which results it has, with a small picture
// of its depth map; a result already placed and unchanged is reported so nothing is placed again;
// a row's layer is selected without the UI's list changing.
import { decode } from "fast-png";
import { afterEach, describe, expect, it } from "vitest";
import { DATA } from "../../src/plugin/plugin-data.js";
import {
  DEPTH_THUMBNAIL_MAX_BYTES,
  SelectionItem,
  type PlaceAnswer,
  type PluginEvent,
  type UpToDateAnswer,
} from "../../src/shared/messages.js";
import { samplePng, solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { SMALLEST_MP4 } from "../helpers/mp4.js";
import { startPlugin, valueOf, type PluginSession } from "./plugin-session.js";

type Placed = Extract<PlaceAnswer, { resultNodeId: string }>;

let session: PluginSession | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

const RESULT_ID = "a".repeat(64);
const OTHER_ID = "b".repeat(64);
const OPTIONS = { dilation: 0.0063, outputBitDepth: "uint8" as const, inputType: "image2d" as const };
const ANIMATION = { disparity: OPTIONS, animation: { animationType: "mp4" as const } };

let ids: { card: string; plain: string } = { card: "", plain: "" };
async function open(): Promise<PluginSession> {
  session = await startPlugin({ command: "depth" }, (fake: FakeFigma) => {
    ids = {
      card: fake.addFrame({ name: "Card", width: 200, height: 100, fills: [solidPaint(0.2, 0.4, 0.6)] }).id,
      plain: fake.addFrame({ name: "Plain", y: 300, width: 100, height: 100 }).id,
    };
  });
  return session;
}

const node = async <T = SceneNode>(s: PluginSession, id: string) => (await s.fake.figma.getNodeByIdAsync(id)) as T;

const placeDepth = async (s: PluginSession, resultId = RESULT_ID) =>
  valueOf<Placed>(
    await s.request("place", {
      nodeId: ids.card,
      kind: "depth",
      bytes: samplePng(20, 10),
      contentType: "image/png",
      resultId,
      options: OPTIONS,
    }),
  );

const upToDate = async (s: PluginSession, kind: "depth" | "animation" = "depth", resultId = RESULT_ID) =>
  valueOf<UpToDateAnswer>(await s.request("upToDate", { nodeId: ids.card, kind, resultId })).resultNodeId;

/** The selection event for these layers; selected anew, since Figma tells nothing of the same selection. */
async function selectionOf(s: PluginSession, nodeIds: string[]) {
  const nodes = await Promise.all(nodeIds.map((id) => node(s, id)));
  s.fake.figma.currentPage.selection = [];
  s.fake.figma.currentPage.selection = nodes;
  return s.nextSelection();
}

describe("the results a listed layer has", () => {
  it("lists its depth map with an 80 px picture, and its 3D result; a layer without results has none", async () => {
    const s = await open();
    await s.request("ready", {});
    const before = await selectionOf(s, [ids.card, ids.plain]);
    expect(before.items.map((i) => [i.depth, i.animation])).toEqual([
      [null, null],
      [null, null],
    ]);

    await placeDepth(s);
    const [card, plain] = (await selectionOf(s, [ids.card, ids.plain])).items;
    expect(card!.depth).toMatchObject({ resultId: RESULT_ID, options: OPTIONS });
    expect(card!.animation).toBeNull();
    const picture = decode(card!.depth!.thumbnail!);
    expect([picture.width, picture.height]).toEqual([80, 40]);
    expect(plain).toMatchObject({ depth: null, animation: null });

    await s.request("place", {
      nodeId: ids.card,
      kind: "animation",
      bytes: SMALLEST_MP4,
      contentType: "video/mp4",
      resultId: OTHER_ID,
      options: ANIMATION,
    });
    expect((await selectionOf(s, [ids.card])).items[0]!.animation).toEqual({ resultId: OTHER_ID });
  });

  it("does not take a copy of a source for the original: the result points back at the original only", async () => {
    const s = await open();
    await placeDepth(s);
    const card = await node<FrameNode>(s, ids.card);
    const copy = s.fake.addFrame({ name: "Card copy", x: 900, width: 200, height: 100 });
    for (const key of card.getPluginDataKeys()) copy.setPluginData(key, card.getPluginData(key));
    await s.request("ready", {});
    expect((await selectionOf(s, [copy.id])).items[0]).toMatchObject({ depth: null, animation: null });
  });

  it("refuses a depth map picture larger than the message allows", () => {
    const item = {
      nodeId: "1:2",
      name: "Card",
      width: 200,
      height: 100,
      thumbnail: null,
      depth: { resultId: RESULT_ID, options: OPTIONS, thumbnail: new Uint8Array(DEPTH_THUMBNAIL_MAX_BYTES + 1) },
      animation: null,
    };
    expect(SelectionItem.safeParse(item).success).toBe(false);
    item.depth.thumbnail = new Uint8Array(DEPTH_THUMBNAIL_MAX_BYTES);
    expect(SelectionItem.safeParse(item).success).toBe(true);
  });
});

describe("a result already placed", () => {
  it("is up to date while it is the same result and unchanged, and asking changes nothing", async () => {
    const s = await open();
    const placed = await placeDepth(s);
    const rect = await node<RectangleNode>(s, placed.resultNodeId);
    const fills = rect.fills;
    const madeAt = rect.getPluginData(DATA.madeAt);
    const steps = s.fake.undoSteps.length;

    expect(await upToDate(s)).toBe(placed.resultNodeId);
    expect(await upToDate(s, "depth", OTHER_ID)).toBeNull();
    expect(await upToDate(s, "animation")).toBeNull();
    expect(s.fake.undoSteps).toHaveLength(steps);
    expect(rect.fills).toEqual(fills);
    expect(rect.getPluginData(DATA.madeAt)).toBe(madeAt);
  });

  it("is not up to date once the designer changed its image, its size or its fill's look, or deleted it", async () => {
    const s = await open();
    const rect = await node<RectangleNode>(s, (await placeDepth(s)).resultNodeId);
    const placedFill = (rect.fills as readonly ImagePaint[])[0]!;
    const edits: Array<[string, () => void]> = [
      [
        "another image",
        () => (rect.fills = [{ ...placedFill, imageHash: s.fake.figma.createImage(samplePng(8, 4)).hash }]),
      ],
      ["resized", () => rect.resize(180, 100)],
      ["a colour on top", () => (rect.fills = [placedFill, solidPaint(1, 0, 0)])],
      ["half transparent", () => (rect.fills = [{ ...placedFill, opacity: 0.5 }])],
      ["fitted rather than filled", () => (rect.fills = [{ ...placedFill, scaleMode: "FIT" }])],
    ];
    for (const [what, edit] of edits) {
      edit();
      expect(await upToDate(s), what).toBeNull();
      rect.fills = [placedFill];
      rect.resize(200, 100);
      expect(await upToDate(s), `${what}, undone`).toBe(rect.id);
    }
    rect.remove();
    expect(await upToDate(s)).toBeNull();
  });

  it("knows a video fill as placed, and not a result placed before its fill was recorded", async () => {
    const s = await open();
    const video = valueOf<Placed>(
      await s.request("place", {
        nodeId: ids.card,
        kind: "animation",
        bytes: SMALLEST_MP4,
        contentType: "video/mp4",
        resultId: RESULT_ID,
        options: ANIMATION,
      }),
    );
    expect(await upToDate(s, "animation")).toBe(video.resultNodeId);
    const depth = await node<RectangleNode>(s, (await placeDepth(s)).resultNodeId);
    depth.setPluginData(DATA.imageHash, "");
    expect(await upToDate(s)).toBeNull();
  });
});

describe("a row's layer", () => {
  it("is selected and zoomed to without a selection event, so the UI keeps its list", async () => {
    const s = await open();
    await s.request("ready", {});
    await selectionOf(s, [ids.card, ids.plain]);
    const sent = s.fake.ui.sent.length;
    await s.request("select", { nodeIds: [ids.plain], keepList: true });
    expect(s.fake.figma.currentPage.selection.map((n) => n.id)).toEqual([ids.plain]);
    expect(s.fake.viewport.scrolledIntoView.at(-1)).toEqual([ids.plain]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await s.fake.flush();
    const events = s.fake.ui.sent.slice(sent).filter((m) => (m as PluginEvent).type === "selection");
    expect(events).toEqual([]);

    // The designer's own next selection is told as ever.
    expect((await selectionOf(s, [ids.card])).items.map((i) => i.name)).toEqual(["Card"]);
  });
});
