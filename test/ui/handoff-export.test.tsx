// @vitest-environment happy-dom
// Export for developers of a layered scene, without a browser's decoder: the real sandbox in the
// fake figma lists a selected layer depth map as a layered scene, and the UI's export asks it for
// the frame, the map and the planes, and zips them with the player fetched over HTTP on 127.0.0.1.
import { cleanup, render, screen } from "@testing-library/preact";
import { unzipSync } from "fflate";
import { decode } from "fast-png";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HandoffParams } from "../../src/shared/handoff-params.js";
import type { PluginEvent } from "../../src/shared/messages.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { defaultPlaneDepths } from "../../src/shared/plane-depth.js";
import { App } from "../../src/ui/components/app.js";
import { buildHandoff, PLAYER_URL_PATH } from "../../src/ui/export-for-developers.js";
import { depthPng, layerDepthMap } from "../../src/ui/planes/layer-depth-map.js";
import { loadPlanes } from "../../src/ui/planes/load-planes.js";
import { bridgePlaneSource } from "../../src/ui/planes/plane-source.js";
import { solidPaint } from "../fake-figma/index.js";
import { decodeRgba } from "../plugin/planes/plane-session.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";

const PLAYER = 'customElements.define("depth-frame", class extends HTMLElement {});\n';

let host: PluginHost | null = null;
let server: Server | null = null;
afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

/** The backend's player route, as far as the export uses it; the plugin's origin is "null", which
 *  the backend's CORS allows. */
async function playerServer(): Promise<string> {
  server = createServer((request, response) => {
    if (request.url !== PLAYER_URL_PATH) return void response.writeHead(404).end();
    response
      .writeHead(200, { "content-type": "text/javascript; charset=utf-8", "access-control-allow-origin": "*" })
      .end(PLAYER);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A frame of two layers, its planes loaded by the UI's code and its layer depth map placed. */
async function layeredScene() {
  let frameId = "";
  const backendUrl = await playerServer();
  host = await hostPlugin({}, async (fake) => {
    await fake.figma.clientStorage.setAsync("settings", { ...DEFAULT_SETTINGS, backendUrl });
    const frame = fake.addFrame({ name: "Hero Banner", width: 240, height: 160, fills: [] });
    frameId = frame.id;
    fake.addRectangle({ parent: frame, name: "Sky", width: 240, height: 160, fills: [solidPaint(0.3, 0.5, 1)] });
    fake.addRectangle({
      parent: frame,
      name: "Sun",
      x: 160,
      y: 20,
      width: 40,
      height: 40,
      fills: [solidPaint(1, 0.8, 0)],
    });
  });
  const { bridge } = host;
  const planes = await loadPlanes(
    bridgePlaneSource(bridge),
    { nodeId: frameId, targetSize: 240, open: [] },
    decodeRgba,
  );
  const depths = defaultPlaneDepths(planes.planes.map((p) => p.info));
  const png = depthPng(planes.width, planes.height, layerDepthMap(planes, depths));
  const { resultNodeId } = await bridge.request("placeLayerDepth", { nodeId: frameId, bytes: png });
  const map = (await host.fake.figma.getNodeByIdAsync(resultNodeId)) as SceneNode;
  return { host, frameId, depths, png, map, backendUrl };
}

describe("Export for developers of a layered scene", () => {
  it("is offered for a selected layer depth map, which is no result to regenerate", async () => {
    const { host, map } = await layeredScene();
    host.fake.figma.currentPage.selection = [map];
    render(<App bridge={host.bridge} />);
    const button = await screen.findByRole("button", { name: "Export for developers" });
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole("list", { name: "Selected results" })).toBeNull();
  });

  it("zips the frame, its layer depth map and each plane, named after its layer, with its depth", async () => {
    const { host, frameId, depths, png, map, backendUrl } = await layeredScene();
    const { bridge, fake } = host;
    const resultNodeId = map.id;

    const selected = new Promise<Extract<PluginEvent, { type: "selection" }>>((resolve) =>
      bridge.onEvent((event) => event.type === "selection" && resolve(event)),
    );
    fake.figma.currentPage.selection = [map];
    const event = await selected;
    expect(event.results).toEqual([]);
    expect(event.layered).toEqual([
      { nodeId: resultNodeId, name: "Hero Banner — Layer depth", sourceId: frameId, sourceName: "Hero Banner" },
    ]);

    const client = { baseUrl: backendUrl, download: () => Promise.reject(new Error("no download")) };
    const { zip, fileName } = await buildHandoff(event.layered!, { bridge, client, decode: decodeRgba });
    expect(fileName).toBe("hero-banner-handoff.zip");
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      "depth-frame.js",
      "hero-banner-depth.png",
      "hero-banner-sky.png",
      "hero-banner-sun.png",
      "hero-banner.png",
      "index.html",
      "params.json",
    ]);
    expect(files["hero-banner-depth.png"]).toEqual(png);
    const sun = decode(files["hero-banner-sun.png"]!);
    expect([sun.width, sun.height, sun.channels, sun.depth]).toEqual([240, 160, 4, 8]);
    // The sun's plane is the sun alone: opaque inside it, transparent elsewhere.
    const alpha = (x: number, y: number) => sun.data[(y * 240 + x) * 4 + 3];
    expect([alpha(180, 40), alpha(20, 120)]).toEqual([255, 0]);
    const params = HandoffParams.parse(JSON.parse(new TextDecoder().decode(files["params.json"])));
    expect(params.results[0]!.planes).toEqual([
      { name: "Sky", file: "hero-banner-sky.png", depth: depths[0] },
      { name: "Sun", file: "hero-banner-sun.png", depth: depths[1] },
    ]);
    const html = new TextDecoder().decode(files["index.html"]);
    expect(html).toContain(`layers="hero-banner-sky.png ${depths[0]}, hero-banner-sun.png ${depths[1]}"`);
  });
});
