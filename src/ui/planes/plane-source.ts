// The plane requests over the UI's bridge to the sandbox.
import type { Bridge } from "../bridge.js";
import type { PlaneSource } from "./load-planes.js";

export function bridgePlaneSource(bridge: Pick<Bridge, "request">): PlaneSource {
  return {
    planes: (nodeId, targetSize, open) => bridge.request("planes", { nodeId, targetSize, open: [...open] }),
    part: async (nodeId, scale) => (await bridge.request("planePart", { nodeId, scale })).bytes,
  };
}
