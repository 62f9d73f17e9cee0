// @vitest-environment happy-dom
// The engine choice and a local render's sentences with the real UI and sandbox against the real
// backend and emulator. happy-dom has no WebGL2, image decoder or video encoder, so the renders and
// the decoding run in Chromium (test/e2e/local-render-in-chromium.test.ts); what is here needs none.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { DATA } from "../../src/plugin/plugin-data.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { App } from "../../src/ui/components/app.js";
import { samplePng, solidPaint, type FakeFigma } from "../fake-figma/index.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { NO_CALLS, useUiStack } from "./ui-stack.js";

const { stack, calls } = useUiStack();
let host: PluginHost | null = null;

afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

const DEPTH = { dilation: 0, outputBitDepth: "uint16", inputType: "image2d" } as const;

async function open(command: string, settings: Partial<Settings>, build: (fake: FakeFigma) => void) {
  host = await hostPlugin({ command }, async (fake) => {
    const stored = { ...DEFAULT_SETTINGS, backendUrl: stack().backendUrl, apiKey: stack().apiKey, targetSize: 256 };
    await fake.figma.clientStorage.setAsync("settings", { ...stored, ...settings });
    build(fake);
  });
  render(<App bridge={host.bridge} />);
  return host.fake;
}

/** A result as an earlier run left it, its fill made of `png`. */
function addResult(fake: FakeFigma, source: SceneNode, kind: "depth" | "animation", options: object, png: Uint8Array) {
  const fill: ImagePaint = { type: "IMAGE", imageHash: fake.figma.createImage(png).hash, scaleMode: "FILL" };
  const result = fake.addRectangle({
    name: `${source.name} — ${kind === "depth" ? "Depth" : "3D"}`,
    x: 2000,
    fills: [fill],
  });
  result.resize(source.width, source.height);
  result.setPluginData(DATA.sourceId, source.id);
  result.setPluginData(DATA.kind, kind);
  result.setPluginData(DATA.options, JSON.stringify(options));
  result.setPluginData(DATA.resultId, "e".repeat(64));
  if (kind === "animation") result.setPluginData(DATA.engine, "local");
  source.setPluginData(DATA.resultOf(kind), result.id);
  return result as unknown as SceneNode;
}

function photo(fake: FakeFigma): SceneNode {
  return fake.addFrame({
    name: "Photo",
    width: 320,
    height: 200,
    fills: [solidPaint(0.2, 0.5, 0.7)],
  }) as unknown as SceneNode;
}

describe("the engine choice", () => {
  it("remembers This computer, counts its render free, and says what it makes here", async () => {
    const fake = await open("animation", {}, (fake) => {
      const source = photo(fake);
      addResult(fake, source, "depth", DEPTH, samplePng(32, 20));
      fake.figma.currentPage.selection = [source];
    });
    // The prices arrive after the first render.
    const immersity = await screen.findByRole(
      "radio",
      { name: /^Immersity \(AI, \d+ credits?\)$/ },
      { timeout: 10_000 },
    );
    expect((immersity as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: "This computer (free)" }));
    await screen.findByText("Free: rendered on this computer from the placed depth maps");
    // happy-dom has no VideoEncoder: the probe finds no video here, and the choice says so. The probe
    // loads src/render first, on this first use.
    await screen.findByText("This computer has no video encoder here: it makes a GIF instead.", undefined, {
      timeout: 10_000,
    });
    await waitFor(async () =>
      expect(((await fake.figma.clientStorage.getAsync("settings")) as Settings).animationEngine).toBe("local"),
    );

    fireEvent.click(screen.getByRole("tab", { name: "Settings" }));
    await screen.findByText(/^Local MP4 renders here: GIF only/);
    expect(await calls()).toEqual(NO_CALLS);
  });

  it("counts a missing depth map as paid, once per layer without one", async () => {
    await open("animation", { animationEngine: "local" }, (fake) => {
      fake.figma.currentPage.selection = [photo(fake)];
    });
    // The prices arrive with the backend's check, after the first render.
    await screen.findByText(
      /^Up to \d+ credits? \(\d+ per depth map for 1 layer without one; rendering is free/,
      undefined,
      {
        timeout: 10_000,
      },
    );
  });
});

describe("a local render's sentences", () => {
  it("says which option is out of range, as for Immersity, and sends nothing", async () => {
    await open("animation", { animationEngine: "local" }, (fake) => {
      const source = photo(fake);
      addResult(fake, source, "depth", DEPTH, samplePng(32, 20));
      fake.figma.currentPage.selection = [source];
    });
    const generate = (await screen.findByRole("button", { name: "Generate animation" })) as HTMLButtonElement;
    fireEvent.input(screen.getByRole("textbox", { name: /Duration/ }), { target: { value: "20" } });
    await waitFor(() => expect(generate.disabled).toBe(true));
    expect(screen.getAllByText("Duration must be from 1 to 10.").length).toBeGreaterThan(0);
    fireEvent.click(generate);
    await new Promise((r) => setTimeout(r, 200));
    expect(await calls()).toEqual(NO_CALLS);
  });
});
