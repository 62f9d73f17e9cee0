// The shared camera model: frame counts and per-frame cameras agree with the whole path, and the
// presets are paths the UI can recognise.
import { describe, expect, it } from "vitest";
import { cameraAt, cameraPath, frameCount, MOTION_PRESETS, PARALLAX_UNIT, ZOOM_UNIT } from "../../src/shared/camera.js";
import { presetOf } from "../../src/ui/motion-presets.js";

describe("shared camera model", () => {
  it("counts frames for a sine path and for a pattern with fractional loops", () => {
    expect(frameCount({ animationLength: 2, numberOfLoops: 0 }, 15)).toBe(30);
    expect(frameCount({ animationLength: 2, numberOfLoops: 1.5 }, 10)).toBe(50);
    expect(frameCount({ pattern: "0,0,0,1,0,0,0,1,0", numberOfLoops: 1 }, 30)).toBe(6);
  });

  it("answers each frame's camera as the whole path does", () => {
    const params = { ...MOTION_PRESETS.Perspective, animationLength: 1, numberOfLoops: 0 };
    const path = cameraPath(params, 12);
    expect(path).toHaveLength(12);
    path.forEach((camera, i) => expect(cameraAt(params, i, 12)).toEqual(camera));
    // A quarter cycle in, x peaks while y and z (a quarter ahead) are back through zero.
    expect(cameraAt(params, 3, 12).x).toBeCloseTo(1, 12);
    expect(cameraAt(params, 3, 12).y).toBeCloseTo(0, 12);
  });

  it("repeats a pattern's triplets frame by frame", () => {
    const params = { pattern: "{0,0,0,1,0.5,-1}" };
    expect(cameraAt(params, 3, 30)).toEqual({ x: 1, y: 0.5, z: -1 });
  });

  it("keeps the units: 3 % of the long side sideways, twice that as zoom", () => {
    expect(PARALLAX_UNIT).toBe(0.03);
    expect(ZOOM_UNIT).toBe(0.06);
  });

  it("recognises every preset from its fields", () => {
    for (const [name, fields] of Object.entries(MOTION_PRESETS)) expect(presetOf(fields)).toBe(name);
    expect(presetOf({ ...MOTION_PRESETS.Zoom, amplitudeZ: 0.5 })).toBeNull();
  });
});
