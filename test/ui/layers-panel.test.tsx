// @vitest-environment happy-dom
// The Layers panel against the real sandbox in the fake figma and the real backend's prices: a
// slider moves its plane's depth live while dragged and stores it on the layer when let go, and a
// photo's relief switch is stored too and changes the estimate by one disparity call.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { Prices } from "../../src/shared/immersity.js";
import { createBackendClient } from "../../src/ui/backend-client.js";
import { LayersPanel } from "../../src/ui/components/layers-panel.js";
import { layeredEstimate } from "../../src/ui/credit-estimate.js";
import { useLayers } from "../../src/ui/planes/use-layers.js";
import type { Bridge } from "../../src/ui/bridge.js";
import { solidPaint } from "../fake-figma/index.js";
import { samplePng } from "../fake-figma/sample-images.js";
import { decodeRgba } from "../plugin/planes/plane-session.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { NO_CALLS, useUiStack } from "./ui-stack.js";

const { stack, calls } = useUiStack();
let host: PluginHost | null = null;
afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

/** The panel as the 3D tab shows it, with the tab's estimate for this computer's engine. */
function Harness({
  bridge,
  frame,
  prices,
}: {
  bridge: Bridge;
  frame: { nodeId: string; name: string };
  prices: Prices;
}) {
  const layers = useLayers(bridge, frame, 240, decodeRgba);
  const planes = layers.state.status === "ready" ? layers.state.planes.planes : [];
  const flags = planes.map((plane, i) => ({ photo: plane.info.photo, relief: layers.relief[i] ?? false }));
  const depths = layers.depths.map((d) => d.toFixed(2)).join(" ");
  return (
    <>
      <LayersPanel layers={layers} frameName={frame.name} reliefCost="10 credits" />
      <p data-testid="estimate">{layeredEstimate(prices, flags, { engine: "local" }, false)}</p>
      <p data-testid="depths">{depths}</p>
    </>
  );
}

type Layer = { id: string; getPluginData(key: string): string };
const nodes: Record<string, Layer> = {};

async function openPoster() {
  host = await hostPlugin({}, (fake) => {
    const poster = fake.addFrame({ name: "Poster", width: 240, height: 160, fills: [solidPaint(1, 1, 1)] });
    const shot = fake.addImageFrame(samplePng(160, 100, 9), {
      parent: poster,
      name: "Shot",
      x: 20,
      y: 20,
      width: 160,
      height: 100,
    });
    const card = fake.addRectangle({
      parent: poster,
      name: "Card",
      x: 100,
      y: 60,
      width: 120,
      height: 80,
      fills: [solidPaint(0, 0, 1)],
    });
    Object.assign(nodes, { Poster: poster, Shot: shot, Card: card });
  });
  const prices = await createBackendClient(stack().backendUrl, stack().apiKey).prices();
  const frame = { nodeId: nodes.Poster!.id, name: "Poster" };
  render(<Harness bridge={host.bridge} frame={frame} prices={prices} />);
  fireEvent.click(screen.getByRole("button", { name: "Show layers" }));
  const list = await screen.findByRole("list", { name: "Planes of Poster, nearest first" }, { timeout: 10_000 });
  return { host, list, prices };
}

const layer = (name: string) => nodes[name]!;

describe("the Layers panel", () => {
  it("moves a plane's depth live as its slider is dragged, and stores it on the layer when let go", async () => {
    const { host, list } = await openPoster();
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((row) => row.textContent),
    ).toEqual([expect.stringMatching(/^Card/), expect.stringMatching(/^Shot/), expect.stringMatching(/^Poster/)]);
    const slider = screen.getByRole("slider", { name: "Card" }) as HTMLInputElement;
    const before = screen.getByTestId("depths").textContent;
    expect(before).toBe("0.00 0.50 1.00");
    slider.value = "40";
    fireEvent.input(slider);
    await waitFor(() => expect(screen.getByTestId("depths").textContent).toMatch(/ 0\.40$/));
    // Dragging is not yet a choice: nothing is written to the file until the slider is let go.
    expect(layer("Card").getPluginData("depthframe.planeDepth")).toBe("");
    fireEvent.change(slider);
    await waitFor(() => expect(layer("Card").getPluginData("depthframe.planeDepth")).toBe("0.4"));
    expect(slider.getAttribute("aria-valuetext")).toBe("40 % near");

    // Shown again, the stored depth is used, and Default clears it.
    cleanup();
    const prices = await createBackendClient(stack().backendUrl, stack().apiKey).prices();
    const frame = { nodeId: nodes.Poster!.id, name: "Poster" };
    render(<Harness bridge={host.bridge} frame={frame} prices={prices} />);
    fireEvent.click(screen.getByRole("button", { name: "Show layers" }));
    await waitFor(() => expect(screen.getByTestId("depths").textContent).toMatch(/ 0\.40$/), { timeout: 10_000 });
    fireEvent.click(screen.getByRole("button", { name: "Default depth for Card" }));
    await waitFor(() => expect(layer("Card").getPluginData("depthframe.planeDepth")).toBe(""));
    await waitFor(() => expect(screen.getByTestId("depths").textContent).toBe(before));
  });

  it("offers relief for the photo only, stored when switched on, adding a disparity call to the estimate", async () => {
    const { prices } = await openPoster();
    const estimate = () => screen.getByTestId("estimate").textContent;
    expect(estimate()).toBe("0 credits: the layers render here, no photo needs relief");
    const switches = screen.getAllByRole("checkbox");
    expect(switches).toHaveLength(1);
    const relief = screen.getByRole("checkbox", { name: "Relief from Immersity (10 credits)" });
    fireEvent.click(relief);
    const perPhoto = Object.values(prices.disparity)[0]!;
    await waitFor(() =>
      expect(estimate()).toBe(`Up to ${perPhoto} credits (relief for 1 photo, stored results are free)`),
    );
    await waitFor(() => expect(layer("Shot").getPluginData("depthframe.planeRelief")).toBe("on"));
    fireEvent.click(relief);
    await waitFor(() => expect(estimate()).toBe("0 credits: the layers render here, no photo needs relief"));
    await waitFor(() => expect(layer("Shot").getPluginData("depthframe.planeRelief")).toBe(""));
    // The panel itself calls nothing paid.
    expect(await calls()).toEqual(NO_CALLS);
  });
});
