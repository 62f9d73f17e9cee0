// The preview's pure parts: depth PNGs decoded to 16-bit values, and the camera held by hand.
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { depthPixelsFromPng } from "../../src/ui/preview/depth-png.js";
import { fitBox, nudgedCamera, pointerCamera } from "../../src/ui/preview/pointer-camera.js";

describe("depth PNGs", () => {
  it("keeps a 16-bit grey map's values whole, below the 8th bit too", () => {
    const data = Uint16Array.from([0, 1, 255, 256, 40000, 65535]);
    const depth = depthPixelsFromPng(encode({ width: 3, height: 2, data, channels: 1, depth: 16 }));
    expect(depth).toEqual({ width: 3, height: 2, data });
  });

  it("widens 8-bit grey and RGBA maps to the same scale, reading the first channel", () => {
    const grey = depthPixelsFromPng(encode({ width: 2, height: 1, data: Uint8Array.from([0, 255]), channels: 1 }));
    expect(Array.from(grey.data)).toEqual([0, 65535]);
    const rgba = Uint8Array.from([128, 1, 2, 255, 64, 9, 9, 255]);
    expect(Array.from(depthPixelsFromPng(encode({ width: 2, height: 1, data: rgba, channels: 4 })).data)).toEqual([
      128 * 257,
      64 * 257,
    ]);
  });

  it("refuses what is not a PNG it can read", () => {
    expect(() => depthPixelsFromPng(new Uint8Array([1, 2, 3, 4]))).toThrow();
  });
});

describe("the camera held by hand", () => {
  it("spans one unit each way from the centre, or the path's own larger amplitude", () => {
    expect(pointerCamera(0.5, 0.5, {})).toEqual({ x: 0, y: 0, z: 0 });
    expect(pointerCamera(1, 0, {})).toEqual({ x: 1, y: -1, z: 0 });
    expect(pointerCamera(0, 1, { amplitudeX: 3, amplitudeY: 0 })).toEqual({ x: -3, y: 3, z: 0 });
    expect(pointerCamera(2, -1, {})).toEqual({ x: 1, y: -1, z: 0 });
  });

  it("moves a tenth of the reach per arrow key, never past it, and ignores other keys", () => {
    expect(nudgedCamera({ x: 0, y: 0, z: 0 }, "ArrowRight", {})).toEqual({ x: 0.1, y: 0, z: 0 });
    expect(nudgedCamera({ x: 0, y: -0.95, z: 0 }, "ArrowUp", {})).toEqual({ x: 0, y: -1, z: 0 });
    expect(nudgedCamera({ x: 0, y: 0, z: 0 }, "a", {})).toBeNull();
  });

  it("fits the picture's shape into the room", () => {
    expect(fitBox({ width: 960, height: 640 }, { width: 328, height: 200 })).toEqual({ width: 300, height: 200 });
    expect(fitBox({ width: 1000, height: 100 }, { width: 328, height: 200 })).toEqual({ width: 328, height: 32 });
  });
});
