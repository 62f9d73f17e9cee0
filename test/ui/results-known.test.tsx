// @vitest-environment happy-dom
// The real UI and sandbox against the real backend and emulator: rows that say what each layer
// already has, with its depth map's picture; a row that selects its layer; and a rerun served from
// the cache that leaves unchanged results alone.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DATA } from "../../src/plugin/plugin-data.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { App } from "../../src/ui/components/app.js";
import { samplePng, solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { useUiStack } from "./ui-stack.js";

const { stack, control } = useUiStack();
let host: PluginHost | null = null;

afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

// Each frame a colour of its own, so nothing is stored from another test before the test stores it.
let frameCount = 0;
const uniqueFill = () => solidPaint(((++frameCount * 11) % 89) / 89, 0.2, (frameCount % 7) / 7);

/** Two frames selected, settings pointing at the test backend, the UI open; `places` counts place requests. */
async function openWithTwoFrames(
  settings: Partial<Settings> = {},
  before?: (fake: FakeFigma, frames: SceneNode[]) => void,
) {
  host = await hostPlugin({ command: "depth" }, async (fake: FakeFigma) => {
    await fake.figma.clientStorage.setAsync("settings", {
      ...DEFAULT_SETTINGS,
      backendUrl: stack().backendUrl,
      apiKey: stack().apiKey,
      targetSize: 256,
      ...settings,
    });
    const frames = [0, 1].map((i) =>
      fake.addFrame({ name: `Frame ${i + 1}`, x: i * 400, width: 320, height: 200, fills: [uniqueFill()] }),
    );
    before?.(fake, frames as unknown as SceneNode[]);
    fake.figma.currentPage.selection = frames as unknown as SceneNode[];
  });
  const fake = host.fake;
  const deliver = vi.spyOn(fake, "deliverFromUi");
  const places = () => deliver.mock.calls.filter(([m]) => (m as { type?: string }).type === "place").length;
  render(<App bridge={host.bridge} />);
  const list = await screen.findByRole("list", { name: "Selected layers" });
  await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
  return { fake, list, places };
}

const rows = (list: HTMLElement) => within(list).getAllByRole("listitem");
const statuses = (list: HTMLElement) => rows(list).map((li) => li.getAttribute("data-status"));
const depthResults = (fake: FakeFigma) =>
  fake.figma.currentPage.children.filter((n) => n.getPluginData(DATA.kind) === "depth") as RectangleNode[];

describe("rows that know their layer's results", () => {
  it("say which layers have a depth map, with its picture, and select and zoom to a layer when clicked", async () => {
    const { fake, list } = await openWithTwoFrames();
    expect(rows(list).map((li) => li.textContent)).toEqual(["Select Frame 1320 × 200", "Select Frame 2320 × 200"]);
    expect(list.querySelectorAll("[data-depth-thumbnail]")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Generate 2 depth maps" }));
    await waitFor(() => expect(statuses(list)).toEqual(["done", "done"]), { timeout: 20_000 });
    // The batch's end tells the UI again about the layers it ran.
    await waitFor(() => expect(list.textContent).toMatch(/Has a depth map.*Has a depth map/));
    const pictures = () =>
      rows(list).map((row) => row.querySelector("[data-depth-thumbnail] img")?.getAttribute("src"));
    await waitFor(() => expect(pictures()).toEqual([expect.stringMatching(/^blob:/), expect.stringMatching(/^blob:/)]));

    const button = within(list).getByRole("button", { name: "Select Frame 2" });
    expect(button.tagName).toBe("BUTTON");
    const described = button
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["Done", "Has a depth map"]);
    const zooms = fake.viewport.scrolledIntoView.length;
    fireEvent.click(button);
    await waitFor(() => expect(fake.figma.currentPage.selection.map((n) => n.name)).toEqual(["Frame 2"]));
    expect(fake.viewport.scrolledIntoView).toHaveLength(zooms + 1);
    // The list stays as it was, so the next row can be clicked too.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rows(list)).toHaveLength(2);
    fireEvent.click(within(list).getByRole("button", { name: "Select Frame 1" }));
    await waitFor(() => expect(fake.figma.currentPage.selection.map((n) => n.name)).toEqual(["Frame 1"]));
  });

  it("count a row clicked mid-batch as the designer's choice: the batch stays, its end offers results", async () => {
    await control("/faults", { latencyMs: 600 });
    const { fake, list } = await openWithTwoFrames({ concurrency: 1 });
    fireEvent.click(screen.getByRole("button", { name: "Generate 2 depth maps" }));
    await waitFor(() => expect(screen.getByText(/^0 of 2 done/)).toBeTruthy());
    fireEvent.click(within(list).getByRole("button", { name: "Select Frame 2" }));
    await waitFor(() => expect(fake.figma.currentPage.selection.map((n) => n.name)).toEqual(["Frame 2"]));
    fireEvent.click(await screen.findByRole("button", { name: "Select 2 results" }, { timeout: 20_000 }));
    expect(rows(list)).toHaveLength(2);
    await waitFor(() =>
      expect(fake.figma.currentPage.selection.map((n) => n.name).sort()).toEqual([
        "Frame 1 — Depth",
        "Frame 2 — Depth",
      ]),
    );
  });
});

/** A 3D result an earlier run left for the frame, linked both ways. */
function addAnimation(fake: FakeFigma, source: SceneNode): void {
  const result = fake.addRectangle({ name: `${source.name} — 3D`, y: 900, width: 320, height: 200 });
  result.setPluginData(DATA.sourceId, source.id);
  result.setPluginData(DATA.kind, "animation");
  result.setPluginData(DATA.resultId, "c".repeat(64));
  const options = { disparity: DEFAULT_SETTINGS.disparity, animation: DEFAULT_SETTINGS.animation };
  result.setPluginData(DATA.options, JSON.stringify(options));
  source.setPluginData(DATA.resultOf("animation"), result.id);
}

describe("rows of layers with a 3D result", () => {
  it("say so on the Depth tab and the 3D tab", async () => {
    const { list } = await openWithTwoFrames({}, (fake, [first]) => addAnimation(fake, first!));
    expect(rows(list).map((li) => li.querySelector(".item__has")?.textContent ?? null)).toEqual([
      "Has a 3D animation",
      null,
    ]);
    fireEvent.click(screen.getByRole("tab", { name: "3D animation" }));
    const animationList = await screen.findByRole("list", { name: "Selected layers" });
    const button = within(animationList).getByRole("button", { name: "Select Frame 1" });
    const described = button
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id));
    expect(described.map((element) => element?.textContent)).toEqual(["320 × 200", "Has a 3D animation"]);
  });
});

describe("rows of selected results", () => {
  it("select and zoom to one result, keeping both listed", async () => {
    let results: SceneNode[] = [];
    const { fake } = await openWithTwoFrames({}, (fake, frames) => {
      results = frames.map((frame) => {
        addAnimation(fake, frame);
        return fake.figma.currentPage.children.at(-1) as unknown as SceneNode;
      });
    });
    fake.figma.currentPage.selection = results;
    const list = await screen.findByRole("list", { name: "Selected results" });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    fireEvent.click(within(list).getByRole("button", { name: "Select Frame 2 — 3D" }));
    await waitFor(() => expect(fake.figma.currentPage.selection.map((n) => n.name)).toEqual(["Frame 2 — 3D"]));
    expect(fake.viewport.scrolledIntoView.at(-1)).toEqual([results[1]!.id]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
  });
});

describe("a rerun served from the cache", () => {
  it("places nothing and adds no undo step while the results are unchanged; places fresh and edited ones", async () => {
    const { fake, list, places } = await openWithTwoFrames();
    /** Runs a batch (the button is findable once the one before has ended, just after its notice)
     *  and waits for its own notice. */
    const run = async (notice: string) => {
      const before = fake.notifications.length;
      fireEvent.click(await screen.findByRole("button", { name: "Generate 2 depth maps" }, { timeout: 5_000 }));
      await waitFor(() => expect(fake.notifications.length).toBe(before + 1), { timeout: 20_000 });
      expect(fake.notifications.at(-1)?.requested).toBe(notice);
    };
    await run("2 depth maps placed");
    const placed = depthResults(fake);
    const madeAt = placed.map((n) => n.getPluginData(DATA.madeAt));
    const steps = fake.undoSteps.length;
    expect([steps, places()]).toEqual([2, 2]);

    await run("2 depth maps already up to date");
    expect(rows(list).map((li) => li.querySelector(".item__meta")?.textContent)).toEqual([
      "Already up to date",
      "Already up to date",
    ]);
    expect([fake.undoSteps.length, places()]).toEqual([2, 2]);
    expect(depthResults(fake).map((n) => n.getPluginData(DATA.madeAt))).toEqual(madeAt);

    // Asked to skip the cache, the backend makes the files again under the same ids: they are placed.
    fireEvent.click(screen.getByText("Make new results (skip the cache)"));
    await run("2 depth maps placed");
    expect([fake.undoSteps.length, places()]).toEqual([4, 4]);
    fireEvent.click(screen.getByText("Make new results (skip the cache)"));

    // The designer paints over one result and deletes the other: both are placed again.
    const [first, second] = placed;
    first!.fills = [{ type: "IMAGE", imageHash: fake.figma.createImage(samplePng(32, 20)).hash, scaleMode: "FILL" }];
    second!.remove();
    await run("2 depth maps placed");
    expect(statuses(list)).toEqual(["done", "done"]);
    expect(list.textContent).toMatch(/Done \(from cache\).*Done \(from cache\)/);
    expect([fake.undoSteps.length, places()]).toEqual([6, 6]);
    expect(depthResults(fake)).toHaveLength(2);
  });
});
