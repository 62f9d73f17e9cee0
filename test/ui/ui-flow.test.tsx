// @vitest-environment happy-dom
// The real UI and the real sandbox code against the real backend and emulator on 127.0.0.1 (in a
// child process; fetch is not mocked): the whole flow, cancel, and the errors a designer meets.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { decode } from "fast-png";
import { afterEach, describe, expect, it } from "vitest";
import { DATA } from "../../src/plugin/plugin-data.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { App } from "../../src/ui/components/app.js";
import { ESTIMATE_MISSING } from "../../src/ui/error-text.js";
import { solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { useUiStack } from "./ui-stack.js";

const { stack, control } = useUiStack();
let host: PluginHost | null = null;

afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

const faults = (body: object) => control("/faults", body);

// Every frame of every test a colour of its own, so no result is already stored from another test.
let frameCount = 0;
const uniqueFill = () => {
  frameCount++;
  return solidPaint((frameCount % 97) / 97, Math.floor(frameCount / 97) / 97, 0.3);
};
/** Three frames selected on a canvas, settings pointing at the test backend, and the UI open. */
async function openWithThreeFrames(
  settings: Partial<Settings> = {},
  options: { command?: string; videoAllowed?: boolean } = {},
) {
  host = await hostPlugin(
    { command: options.command ?? "depth", videoAllowed: options.videoAllowed ?? true },
    async (fake: FakeFigma) => {
      await fake.figma.clientStorage.setAsync("settings", {
        ...DEFAULT_SETTINGS,
        backendUrl: stack().backendUrl,
        apiKey: stack().apiKey,
        targetSize: 256,
        ...settings,
      });
      const frames = [0, 1, 2].map((i) =>
        fake.addFrame({ name: `Frame ${i + 1}`, x: i * 400, width: 320, height: 200, fills: [uniqueFill()] }),
      );
      fake.figma.currentPage.selection = frames as unknown as SceneNode[];
    },
  );
  render(<App bridge={host.bridge} />);
  const list = await screen.findByRole("list", { name: "Selected layers" }, { timeout: 10_000 });
  await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(3), { timeout: 10_000 });
  // Generate waits for the backend's check, which the estimate tells.
  await waitFor(() => expect(screen.queryByText(ESTIMATE_MISSING.checking)).toBeNull(), { timeout: 10_000 });
  return { fake: host.fake, list };
}

/** Generate above the 50 credits Settings asks about: the estimate is confirmed first. */
async function generateConfirmed(name: string, credits: number) {
  fireEvent.click(screen.getByRole("button", { name }));
  fireEvent.click(await screen.findByRole("button", { name: `Spend up to ${credits} credits` }));
}

const statuses = (list: HTMLElement) =>
  within(list)
    .getAllByRole("listitem")
    .map((li) => li.getAttribute("data-status"));

async function results(fake: FakeFigma) {
  return fake.figma.currentPage.children.filter((n) => n.getPluginData(DATA.kind) === "depth") as RectangleNode[];
}

describe("generating depth maps", () => {
  it("runs three frames end to end and places three depth maps of the right size", async () => {
    const { fake, list } = await openWithThreeFrames();
    await waitFor(() => expect(screen.getByText(/Up to 30 credits/)).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: /Generate 3 depth maps/ }));
    await waitFor(() => expect(statuses(list)).toEqual(["done", "done", "done"]), { timeout: 20_000 });

    const placed = await results(fake);
    expect(placed.map((n) => n.name).sort()).toEqual(["Frame 1 — Depth", "Frame 2 — Depth", "Frame 3 — Depth"]);
    for (const node of placed) {
      expect([node.width, node.height]).toEqual([320, 200]);
      const hash = ((node.fills as readonly Paint[])[0] as ImagePaint).imageHash!;
      const png = decode(await fake.figma.getImageByHash(hash)!.getBytesAsync());
      expect([png.width, png.height, png.channels]).toEqual([256, 160, 1]);
    }
    expect(fake.undoSteps).toHaveLength(3);
    await waitFor(() => expect(fake.notifications.at(-1)?.requested).toBe("3 depth maps placed"));
    expect(fake.figma.currentPage.selection.map((n) => n.id).sort()).toEqual(placed.map((n) => n.id).sort());
  });

  it("cancels in the middle: nothing half-placed, the rest marked cancelled", async () => {
    await faults({ latencyMs: 1500 });
    const { fake, list } = await openWithThreeFrames();
    fireEvent.click(screen.getByRole("button", { name: /Generate 3 depth maps/ }));
    await waitFor(() => expect(statuses(list).filter((s) => s === "generating")).toHaveLength(2), { timeout: 10_000 });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(statuses(list)).toEqual(["cancelled", "cancelled", "cancelled"]), { timeout: 10_000 });
    expect(await results(fake)).toHaveLength(0);
    expect(fake.undoSteps).toHaveLength(0);
    await waitFor(() => expect(fake.notifications.at(-1)?.requested).toBe("0 depth maps placed, 3 cancelled"));
  });
});

describe("errors a designer can act on", () => {
  it("retries a failed item once the cause is fixed", async () => {
    await faults({ failNext: { status: 503, count: 3 } });
    const { fake, list } = await openWithThreeFrames({ concurrency: 1 });
    fireEvent.click(screen.getByRole("button", { name: /Generate 3 depth maps/ }));
    await waitFor(() => expect(statuses(list)).toEqual(["error", "error", "error"]), { timeout: 15_000 });
    expect(list.textContent).toMatch(/Immersity is not answering right now/);
    fireEvent.click(await screen.findByRole("button", { name: "Retry failed" }));
    await waitFor(() => expect(statuses(list)).toEqual(["done", "done", "done"]), { timeout: 20_000 });
    expect(await results(fake)).toHaveLength(3);
  });
});

describe("3D animations", () => {
  const short = { ...DEFAULT_SETTINGS.animation, animationLength: 1, outputFps: 5 };

  it("opens on the animation tab and places videos", async () => {
    const { fake, list } = await openWithThreeFrames({ animation: short }, { command: "animation" });
    await waitFor(() => expect(screen.getByText(/Up to 60 credits \(10 per animation, 10 per depth map/)).toBeTruthy());
    await generateConfirmed("Generate 3 animations", 60);
    await waitFor(() => expect(statuses(list)).toEqual(["done", "done", "done"]), { timeout: 20_000 });
    const placed = fake.figma.currentPage.children.filter(
      (n) => n.getPluginData(DATA.kind) === "animation",
    ) as RectangleNode[];
    expect(placed.map((n) => n.name).sort()).toEqual(["Frame 1 — 3D", "Frame 2 — 3D", "Frame 3 — 3D"]);
    for (const node of placed) expect((node.fills as readonly Paint[])[0]).toMatchObject({ type: "VIDEO" });
    expect(await control("/stats")).toMatchObject({ calls: { disparity: 3, animation: 3 }, creditsSpent: 60 });
    await waitFor(() => expect(fake.notifications.at(-1)?.requested).toBe("3 animations placed"));
  });

  it("builds on the depth maps placed before, paying only for the animations", async () => {
    const { list } = await openWithThreeFrames({ animation: short });
    fireEvent.click(screen.getByRole("button", { name: "Generate 3 depth maps" }));
    await waitFor(() => expect(statuses(list)).toEqual(["done", "done", "done"]), { timeout: 20_000 });
    fireEvent.click(screen.getByText("3D animation"));
    await waitFor(() =>
      expect(
        screen.getByText(/Up to 30 credits \(10 per animation, 10 per depth map, 3 depth maps reused/),
      ).toBeTruthy(),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Generate 3 animations" }));
    // The list still says "done" from the depth maps; the batch's end is its notification.
    await waitFor(() => expect(host!.fake.notifications.at(-1)?.requested).toBe("3 animations placed"), {
      timeout: 20_000,
    });
    expect(statuses(list)).toEqual(["done", "done", "done"]);
    expect(await control("/stats")).toMatchObject({ calls: { disparity: 3, animation: 3 }, creditsSpent: 60 });
  });

  it("falls back to a GIF once when the file cannot take video, and says why", async () => {
    const { fake, list } = await openWithThreeFrames(
      { animation: short, concurrency: 1 },
      { command: "animation", videoAllowed: false },
    );
    await generateConfirmed("Generate 3 animations", 60);
    await waitFor(() => expect(statuses(list)).toEqual(["done", "done", "done"]), { timeout: 30_000 });
    expect(list.textContent).toMatch(/Placed as a GIF: Figma refused the video/);
    const placed = fake.figma.currentPage.children.filter(
      (n) => n.getPluginData(DATA.kind) === "animation",
    ) as RectangleNode[];
    expect(placed).toHaveLength(3);
    for (const node of placed) {
      const paint = (node.fills as readonly Paint[])[0] as ImagePaint;
      const bytes = await fake.figma.getImageByHash(paint.imageHash!)!.getBytesAsync();
      expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe("GIF89a");
    }
    // Each layer: one disparity, one MP4 that Figma refused, one GIF reusing that disparity.
    expect(await control("/stats")).toMatchObject({ calls: { disparity: 3, animation: 6 } });
    expect(fake.undoSteps).toHaveLength(3);
  });
});

describe("settings", () => {
  it("tests the connection and shows the emulator", async () => {
    host = await hostPlugin({ command: "settings" }, async (fake) => {
      await fake.figma.clientStorage.setAsync("settings", {
        ...DEFAULT_SETTINGS,
        backendUrl: stack().backendUrl,
        apiKey: stack().apiKey,
      });
    });
    render(<App bridge={host.bridge} />);
    fireEvent.click(await screen.findByRole("button", { name: "Test connection" }));
    const message = await screen.findByTestId("connection");
    await waitFor(() => expect(message.textContent).toMatch(/Storage: local\. Emulator: results are synthetic\./));
  });
});
