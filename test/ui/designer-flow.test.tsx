// @vitest-environment happy-dom
// The real UI and sandbox against the real backend and emulator, as a designer uses them: results
// made again as what they are, options the backend would refuse, and a batch that survives a change
// of selection.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { DATA } from "../../src/plugin/plugin-data.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { App } from "../../src/ui/components/app.js";
import { ESTIMATE_MISSING } from "../../src/ui/error-text.js";
import { solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { NO_CALLS, useUiStack } from "./ui-stack.js";

const { stack, control, calls } = useUiStack();
let host: PluginHost | null = null;

afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

let frameCount = 0;
const uniqueFill = () => solidPaint(((++frameCount * 7) % 97) / 97, 0.6, (frameCount % 13) / 13);
const short = { ...DEFAULT_SETTINGS.animation, animationLength: 1, outputFps: 5 };
const DEPTH = { dilation: 0.004, outputBitDepth: "uint8", inputType: "image2d" } as const;

async function open(command: string, settings: Partial<Settings>, build: (fake: FakeFigma) => void) {
  host = await hostPlugin({ command }, async (fake) => {
    const stored = {
      ...DEFAULT_SETTINGS,
      backendUrl: stack().backendUrl,
      apiKey: stack().apiKey,
      targetSize: 256,
    };
    await fake.figma.clientStorage.setAsync("settings", { ...stored, ...settings });
    build(fake);
  });
  render(<App bridge={host.bridge} />);
  return host.fake;
}

/** A result as an earlier run left it: linked both ways, with the options it was made with. */
function addResult(fake: FakeFigma, source: SceneNode, kind: "depth" | "animation", options: object) {
  const result = fake.addRectangle({
    name: `${source.name} — ${kind === "depth" ? "Depth" : "3D"}`,
    x: 2000,
    width: 320,
    height: 200,
    fills: [solidPaint(0.5, 0.5, 0.5)],
  });
  result.setPluginData(DATA.sourceId, source.id);
  result.setPluginData(DATA.kind, kind);
  result.setPluginData(DATA.options, JSON.stringify(options));
  source.setPluginData(DATA.resultOf(kind), result.id);
  return result as unknown as SceneNode;
}

/** Generate waits for the backend's check, which the footer tells. */
const backendChecked = () =>
  waitFor(() => expect(screen.queryByText(ESTIMATE_MISSING.checking)).toBeNull(), { timeout: 10_000 });

const byKind = (fake: FakeFigma, kind: string) =>
  fake.figma.currentPage.children.filter((n) => n.getPluginData(DATA.kind) === kind);

describe("Regenerate", () => {
  it("makes a mixed selection again as what each result is, after showing the cost", async () => {
    const animation = { disparity: DEPTH, animation: { ...short, amplitudeX: 2 } };
    const fake = await open("regenerate", {}, (fake) => {
      const photo = fake.addFrame({
        name: "Photo",
        width: 320,
        height: 200,
        fills: [uniqueFill()],
      }) as unknown as SceneNode;
      const card = fake.addFrame({
        name: "Card",
        x: 400,
        width: 320,
        height: 200,
        fills: [uniqueFill()],
      }) as unknown as SceneNode;
      fake.figma.currentPage.selection = [
        addResult(fake, photo, "animation", animation),
        addResult(fake, card, "depth", DEPTH),
      ];
    });
    const results = await screen.findByRole("list", { name: "Selected results" });
    expect(
      within(results)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^Select Photo — 3D3D animation · MP4, 1 s, custom motion/),
      expect.stringMatching(/^Select Card — DepthDepth map · 8-bit, edge dilation 0\.004/),
    ]);
    // Opened by the button: the cost is shown and nothing is spent until it is confirmed.
    // The cost comes with the backend's check.
    await waitFor(() => expect(screen.getByText(/Make 2 results again .* Up to 30 credits\./)).toBeTruthy(), {
      timeout: 10_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await calls()).toEqual(NO_CALLS);
    fireEvent.click(screen.getByRole("button", { name: "Regenerate (30 credits)" }));
    await waitFor(() => expect(fake.notifications.at(-1)?.requested).toBe("2 results placed"), {
      timeout: 20_000,
    });

    expect(await calls()).toEqual({ disparity: 2, animation: 1 });
    const [video] = byKind(fake, "animation") as RectangleNode[];
    expect(byKind(fake, "depth").map((n) => n.name)).toEqual(["Card — Depth"]);
    expect((video!.fills as readonly Paint[])[0]).toMatchObject({ type: "VIDEO" });
    expect(JSON.parse(video!.getPluginData(DATA.options))).toEqual(animation);
    expect(fake.undoSteps).toHaveLength(2);
  });

  it("waits for a press of Regenerate when a result is selected, and selects its source", async () => {
    let source = "";
    const fake = await open("depth", {}, (fake) => {
      const photo = fake.addFrame({
        name: "Photo",
        width: 320,
        height: 200,
        fills: [uniqueFill()],
      }) as unknown as SceneNode;
      source = photo.id;
      fake.figma.currentPage.selection = [addResult(fake, photo, "depth", DEPTH)];
    });
    await screen.findByRole("list", { name: "Selected results" });
    expect(screen.getByText("Made before this plugin recorded when")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Regenerate Photo — Depth" }));
    await screen.findByText(/Make Photo — Depth again .* Up to 10 credits\./, undefined, { timeout: 10_000 });
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.queryByText(/Make Photo — Depth again/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Select source of Photo — Depth" }));
    await waitFor(() => expect(fake.figma.currentPage.selection.map((n) => n.id)).toEqual([source]));
    await screen.findByRole("list", { name: "Selected layers" });
    expect(await calls()).toEqual(NO_CALLS);
  });
});

describe("options the backend would refuse", () => {
  it("says what is wrong beside the field, turns Generate off and sends nothing", async () => {
    await open("animation", { animation: short }, (fake) => {
      fake.figma.currentPage.selection = [
        fake.addFrame({
          name: "Photo",
          width: 320,
          height: 200,
          fills: [uniqueFill()],
        }) as unknown as SceneNode,
      ];
    });
    await screen.findByRole("list", { name: "Selected layers" });
    const generate = screen.getByRole("button", {
      name: "Generate animation",
    }) as HTMLButtonElement;
    // Typed keys out of range are refused by the field; a paste is not.
    const duration = screen.getByRole("textbox", { name: "Duration (s)" });
    fireEvent.input(duration, { target: { value: "20" } });
    await waitFor(() => expect(generate.disabled).toBe(true));
    expect(screen.getAllByText("Duration must be from 1 to 10.")).toHaveLength(2);
    fireEvent.input(duration, { target: { value: "2" } });
    await waitFor(() => expect(generate.disabled).toBe(false));
    fireEvent.click(screen.getByRole("button", { name: "Advanced" }));
    expect(screen.getByRole("button", { name: "Advanced" }).getAttribute("aria-expanded")).toBe("true");
    const pattern = screen.getByRole("textbox", { name: /Camera pattern/ });
    fireEvent.input(pattern, { target: { value: "0,0,0, 1,0" } });
    await waitFor(() => expect(pattern.getAttribute("aria-invalid")).toBe("true"));
    const described = pattern
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain("Write the pattern as numbers in groups of three: x,y,z for each frame.");
    expect(generate.disabled).toBe(true);
    fireEvent.click(generate);
    fireEvent.keyDown(pattern, { key: "Enter" });
    await new Promise((r) => setTimeout(r, 200));
    expect(await calls()).toEqual(NO_CALLS);
  });
});

describe("a batch while the designer works on", () => {
  it("keeps showing the batch when the selection changes, and then leaves the selection alone", async () => {
    await control("/faults", { latencyMs: 800 });
    let other: SceneNode | null = null;
    const fake = await open("depth", { concurrency: 1 }, (fake) => {
      const frames = [0, 1].map((i) =>
        fake.addFrame({
          name: `Frame ${i + 1}`,
          x: i * 400,
          width: 320,
          height: 200,
          fills: [uniqueFill()],
        }),
      );
      other = fake.addFrame({
        name: "Elsewhere",
        y: 900,
        width: 100,
        height: 100,
        fills: [uniqueFill()],
      }) as unknown as SceneNode;
      fake.figma.currentPage.selection = frames as unknown as SceneNode[];
    });
    const list = await screen.findByRole("list", { name: "Selected layers" });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    await backendChecked();
    // Enter in a field runs the primary action.
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Edge dilation" }), { key: "Enter" });
    await waitFor(() => expect(screen.getByText(/^0 of 2 done$/)).toBeTruthy());
    fake.figma.currentPage.selection = [other!];
    await new Promise((r) => setTimeout(r, 400));
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([expect.stringMatching(/^Select Frame 1/), expect.stringMatching(/^Select Frame 2/)]);
    const zooms = fake.viewport.scrolledIntoView.length;

    fireEvent.click(await screen.findByRole("button", { name: "Select 2 results" }, { timeout: 20_000 }));
    expect(screen.getByRole("status").textContent).toBe("2 depth maps placed");
    await waitFor(() => expect(fake.viewport.scrolledIntoView).toHaveLength(zooms + 1));
    await waitFor(() =>
      expect(fake.figma.currentPage.selection.map((n) => n.name).sort()).toEqual([
        "Frame 1 — Depth",
        "Frame 2 — Depth",
      ]),
    );
  });
});

describe("the keyboard", () => {
  it("asks on Esc before stopping a running batch, and stops it when told to", async () => {
    await control("/faults", { latencyMs: 1500 });
    await open("depth", { concurrency: 1 }, (fake) => {
      const frames = [0, 1].map((i) =>
        fake.addFrame({
          name: `Frame ${i + 1}`,
          x: i * 400,
          width: 320,
          height: 200,
          fills: [uniqueFill()],
        }),
      );
      fake.figma.currentPage.selection = frames as unknown as SceneNode[];
    });
    const list = await screen.findByRole("list", { name: "Selected layers" });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    await backendChecked();
    fireEvent.click(screen.getByRole("button", { name: "Generate 2 depth maps" }));
    const tab = screen.getByRole("tab", { name: "Depth" });
    fireEvent.keyDown(tab, { key: "Escape" });
    expect(screen.getByText(/^Stop this batch\?/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("button", { name: "Cancel" })).toBeTruthy();
    fireEvent.keyDown(tab, { key: "Escape" });
    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    await waitFor(
      () =>
        expect(
          within(list)
            .getAllByRole("listitem")
            .map((li) => li.getAttribute("data-status")),
        ).toEqual(["cancelled", "cancelled"]),
      { timeout: 10_000 },
    );
  });
});
