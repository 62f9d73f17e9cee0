// A layered scene's planes for the export zip: loaded from the sandbox as the Layers panel loads
// them, at the layer depth map's pixel size (so each lines up with it and with the frame's export),
// each encoded as an 8-bit RGBA PNG, straight alpha as the player takes it.
import { encode } from "fast-png";
import { pngSize } from "../shared/image-bytes.js";
import type { HandoffResult } from "../shared/messages.js";
import type { Rgba } from "../shared/plane-compose.js";
import type { Bridge } from "./bridge.js";
import { decodePng } from "./planes/decode-png.js";
import { loadPlanes } from "./planes/load-planes.js";
import { bridgePlaneSource } from "./planes/plane-source.js";

export async function handoffPlanes(
  bridge: Pick<Bridge, "request">,
  frameId: string,
  result: HandoffResult,
  depthPng: Uint8Array,
  decode: (png: Uint8Array) => Promise<Rgba> = decodePng,
): Promise<Uint8Array[]> {
  const { width, height } = pngSize(depthPng);
  const target = { nodeId: frameId, targetSize: Math.max(width, height), open: [] };
  const loaded = await loadPlanes(bridgePlaneSource(bridge), target, decode);
  if (loaded.planes.length !== result.planes?.length) {
    throw new Error(`The layers of “${result.sourceName}” changed while they were exported: export again.`);
  }
  return loaded.planes.map(({ pixels }) =>
    encode({ width: pixels.width, height: pixels.height, data: pixels.data, channels: 4, depth: 8 }),
  );
}
