// The UI's plane loading (src/ui/planes/load-planes.ts) against the real sandbox in the fake, with
// the PNGs decoded by fast-png, and what the planes give when composited back, bottom to top.
import { decode } from "fast-png";
import { ANSWERS } from "../../../src/shared/messages.js";
import { composePlane, type Rgba } from "../../../src/shared/plane-compose.js";
import type { PlaneItem } from "../../../src/shared/planes.js";
import { loadPlanes, type LoadedPlanes, type PlaneSource } from "../../../src/ui/planes/load-planes.js";
import { valueOf, type PluginSession } from "../plugin-session.js";

export async function decodeRgba(png: Uint8Array): Promise<Rgba> {
  const image = decode(png);
  if (image.channels !== 4 || image.depth !== 8) throw new Error("expected an 8-bit RGBA PNG");
  return { width: image.width, height: image.height, data: image.data as Uint8Array };
}

export function sessionPlaneSource(session: PluginSession): PlaneSource {
  return {
    planes: async (nodeId, targetSize, open) =>
      ANSWERS.planes.parse(valueOf(await session.request("planes", { nodeId, targetSize, open: [...open] }))),
    part: async (nodeId, scale) =>
      ANSWERS.planePart.parse(valueOf(await session.request("planePart", { nodeId, scale }))).bytes,
  };
}

export function loadSessionPlanes(session: PluginSession, nodeId: string, targetSize: number, open: string[] = []) {
  return loadPlanes(sessionPlaneSource(session), { nodeId, targetSize, open }, decodeRgba);
}

export function recomposite(loaded: LoadedPlanes): Rgba {
  const whole = (key: string): PlaneItem => ({
    kind: "part",
    part: {
      nodeId: key,
      colour: null,
      left: 0,
      top: 0,
      width: loaded.width,
      height: loaded.height,
      opacity: 1,
      blendMode: "NORMAL",
      clip: null,
    },
  });
  const byKey = new Map(loaded.planes.map((plane) => [plane.info.key, plane.pixels]));
  return composePlane(
    loaded.width,
    loaded.height,
    loaded.planes.map((plane) => whole(plane.info.key)),
    (key) => byKey.get(key)!,
  );
}

/** The largest difference of any channel of any pixel. */
export function maxDifference(a: Rgba, b: Rgba): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let most = 0;
  for (let i = 0; i < a.data.length; i++) most = Math.max(most, Math.abs(a.data[i]! - b.data[i]!));
  return most;
}
