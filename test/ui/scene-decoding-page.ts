// Runs in Chromium: the preview's scene decoding (createImageBitmap and fast-png), on answers the
// test builds as the sandbox would send them.
import type { SceneAnswer } from "../../src/shared/messages.js";
import { decodeScene } from "../../src/ui/preview/load-scene.js";

export interface DecodeRequest {
  image: number[];
  depth: number[] | null;
}

async function decode(request: DecodeRequest) {
  const answer: SceneAnswer = {
    image: { bytes: Uint8Array.from(request.image), contentType: "image/png", width: 1, height: 1, original: true },
    depth: request.depth && {
      bytes: Uint8Array.from(request.depth),
      width: 1,
      height: 1,
      nodeId: "1:2",
      edited: false,
    },
  };
  const loaded = await decodeScene(answer);
  if (loaded.status !== "ready") return loaded;
  const depth = loaded.scene.depth as { width: number; height: number; data: Uint16Array };
  return {
    status: loaded.status,
    size: loaded.size,
    depth: { width: depth.width, height: depth.height, data: Array.from(depth.data) },
  };
}

Object.assign(globalThis, { decode });
