// The pure parts of the emulator's animations: camera path, settings, parallax estimation, and the
// renderer's frames, which must show real parallax.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { animationSettings } from "../../src/shared/animation-settings.js";
import { MAX_OUTPUT_SIDE } from "../../src/shared/output-size.js";
import { parallaxRenderer } from "../../src/emulator/animation/parallax-renderer.js";
import { AUTO_FPS, cameraPath, MAX_ESTIMATED_GAIN, resolveParallax } from "../../src/shared/camera.js";
import { ANIMATION_DEFAULTS } from "../../src/shared/immersity.js";
import { centroid, isGreen, isRed, NEAR, parallaxScene, SCENE_WIDTH } from "../helpers/parallax-scene.js";

const base = { inputImageUrl: "http://a/i", inputDisparityUrl: "http://a/d" };
const close = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => {
  for (const axis of ["x", "y", "z"] as const) expect(a[axis]).toBeCloseTo(b[axis], 9);
};

describe("ANIMATION_DEFAULTS", () => {
  it("are the defaults of the published schema", () => {
    const spec = JSON.parse(
      readFileSync(new URL("../../spec/immersity/cloud-api.openapi.json", import.meta.url), "utf8"),
    );
    const fields = spec.components.schemas.RESTAnimationGenerationParams.properties as Record<
      string,
      { default?: unknown }
    >;
    for (const [field, value] of Object.entries(ANIMATION_DEFAULTS)) expect(fields[field]?.default, field).toBe(value);
  });
});

describe("cameraPath", () => {
  it("by default, circles in x and y while z follows y, one cycle of animationLength seconds", () => {
    const path = cameraPath({}, 10);
    expect(path).toHaveLength(40);
    close(path[0]!, { x: 0, y: 1, z: 1 });
    close(path[10]!, { x: 1, y: 0, z: 0 });
    close(path[20]!, { x: 0, y: -1, z: -1 });
    close(path[30]!, { x: -1, y: 0, z: 0 });
  });

  it("scales each axis by its amplitude and shifts it by its phase, in cycles", () => {
    const path = cameraPath(
      { animationLength: 2, amplitudeX: 3, amplitudeY: 0, amplitudeZ: 0.5, phaseX: 0.5, phaseZ: 0 },
      4,
    );
    expect(path).toHaveLength(8);
    close(path[0]!, { x: 0, y: 0, z: 0 });
    close(path[2]!, { x: -3, y: 0, z: 0.5 });
    // A phase of 7 cycles is a phase of 0.
    close(cameraPath({ phaseX: 7, phaseY: 0, phaseZ: 0 }, 10)[10]!, { x: 1, y: 1, z: 1 });
  });

  it("repeats the cycle numberOfLoops more times, ending part-way for a fraction", () => {
    const once = cameraPath({ animationLength: 1 }, 10);
    const thrice = cameraPath({ animationLength: 1, numberOfLoops: 2 }, 10);
    expect(thrice).toHaveLength(30);
    for (let i = 0; i < 30; i++) close(thrice[i]!, once[i % 10]!);
    expect(cameraPath({ animationLength: 1, numberOfLoops: 0.5 }, 10)).toHaveLength(15);
  });

  it("takes a pattern's triplets as the frames, ignoring length, amplitudes and phases", () => {
    const pattern = "{0,0,0, 1,2,3, -1,0.5,0}";
    expect(cameraPath({ pattern, animationLength: 10, amplitudeX: 5, phaseY: 0.5 }, 30)).toEqual([
      { x: 0, y: 0, z: 0 },
      { x: 1, y: 2, z: 3 },
      { x: -1, y: 0.5, z: 0 },
    ]);
    const looped = cameraPath({ pattern, numberOfLoops: 1 }, 30);
    expect(looped).toHaveLength(6);
    expect(looped[4]).toEqual({ x: 1, y: 2, z: 3 });
  });
});

describe("animationSettings", () => {
  const input = { width: 400, height: 300 };

  it("defaults to an MP4 at 30 fps, a GIF at 15, the input's size and the whole input", () => {
    expect(animationSettings(base, input)).toMatchObject({
      format: "mp4",
      fps: AUTO_FPS.mp4,
      size: input,
      crop: { left: 0, top: 0, width: 1, height: 1 },
    });
    expect(animationSettings({ ...base, animationType: "gif" }, input)).toMatchObject({
      format: "gif",
      fps: 15,
    });
    expect(animationSettings({ ...base, outputFps: 24 }, input).path).toHaveLength(4 * 24);
  });

  it("follows the input's aspect when one side is given, and crops to the aspect when both are", () => {
    expect(animationSettings({ ...base, outputWidth: 200 }, input).size).toEqual({
      width: 200,
      height: 150,
    });
    expect(animationSettings({ ...base, outputHeight: 600 }, input).size).toEqual({
      width: 800,
      height: 600,
    });
    const square = animationSettings({ ...base, outputWidth: 100, outputHeight: 100 }, input);
    expect(square.size).toEqual({ width: 100, height: 100 });
    expect(square.crop.width).toBeCloseTo(0.75);
    expect(square.crop.left).toBeCloseTo(0.125);
    expect(square.crop).toMatchObject({ top: 0, height: 1 });
  });

  it("gives an MP4 even sides, and scales a huge input down to the largest side", () => {
    expect(animationSettings(base, { width: 41, height: 31 }).size).toEqual({
      width: 40,
      height: 30,
    });
    expect(animationSettings({ ...base, animationType: "gif" }, { width: 41, height: 31 }).size).toEqual({
      width: 41,
      height: 31,
    });
    expect(animationSettings(base, { width: 2 * MAX_OUTPUT_SIDE, height: MAX_OUTPUT_SIDE }).size).toEqual({
      width: MAX_OUTPUT_SIDE,
      height: MAX_OUTPUT_SIDE / 2,
    });
  });
});

describe("resolveParallax", () => {
  /** 16-bit disparity: `share` of the pixels at `near`, the rest at `far` (both 0..1). */
  const map = (far: number, near: number, share: number) =>
    Uint16Array.from({ length: 1000 }, (_, i) => Math.round((i < share * 1000 ? near : far) * 65535));

  it("keeps the middle of the depth range still and spreads the range over one unit, when not given", () => {
    const parallax = resolveParallax(map(0.2, 0.6, 0.3), {});
    expect(parallax.stillDisparity).toBeCloseTo(0.4, 4);
    expect(parallax.gain).toBeCloseTo(1 / 0.4, 3);
  });

  it("ignores stray pixels and caps the gain of an almost flat map", () => {
    expect(resolveParallax(map(0.5, 1, 0.01), {}).stillDisparity).toBeCloseTo(0.5, 4);
    expect(resolveParallax(map(0.5, 0.51, 0.5), {}).gain).toBe(MAX_ESTIMATED_GAIN);
  });

  it("maps convergence -1..1 onto the depth range, and takes gain as given", () => {
    expect(resolveParallax(map(0.2, 0.6, 0.3), { convergence: -1, gain: 0 })).toEqual({
      stillDisparity: 0,
      gain: 0,
    });
    expect(resolveParallax(map(0.2, 0.6, 0.3), { convergence: 0.5, gain: 7 })).toEqual({
      stillDisparity: 0.75,
      gain: 7,
    });
  });
});

describe("parallaxRenderer", () => {
  const scene = parallaxScene();
  // Far (0.2) moves a little, near (1) a lot, in opposite directions around 0.3.
  const parallax = { stillDisparity: 0.3, gain: 2 };

  it("moves near pixels more than far ones, against the camera's move along its path", () => {
    const render = parallaxRenderer(scene, parallax);
    const path = cameraPath({ animationLength: 4, amplitudeZ: 0 }, 4);
    // Frame 0 is at (0, 1), frame 4 a quarter cycle later at (1, 0): the camera moves right and up.
    close(path[0]!, { x: 0, y: 1, z: 0 });
    close(path[4]!, { x: 1, y: 0, z: 0 });
    const [before, after] = [render(path[0]!).slice(), render(path[4]!).slice()];
    const near = [centroid(before, SCENE_WIDTH, isRed), centroid(after, SCENE_WIDTH, isRed)];
    const far = [centroid(before, SCENE_WIDTH, isGreen), centroid(after, SCENE_WIDTH, isGreen)];
    const nearMove = { x: near[1]!.x - near[0]!.x, y: near[1]!.y - near[0]!.y };
    const farMove = { x: far[1]!.x - far[0]!.x, y: far[1]!.y - far[0]!.y };
    // Against the camera: left and down for the near square; the far bar, beyond the still depth, with it.
    expect(nearMove.x).toBeLessThan(-2);
    expect(nearMove.y).toBeGreaterThan(2);
    expect(farMove.x).toBeGreaterThan(0);
    expect(farMove.y).toBeLessThan(0);
    expect(Math.abs(nearMove.x)).toBeGreaterThan(3 * Math.abs(farMove.x));
    expect(Math.abs(nearMove.y)).toBeGreaterThan(3 * Math.abs(farMove.y));
    // Expected motion: gain · (disparity − still) · 3% of the longer side per unit of camera move.
    expect(nearMove.x).toBeCloseTo(-2 * 0.7 * 0.03 * SCENE_WIDTH, 0);
  });

  it("leaves a still camera's view unchanged", () => {
    const frame = parallaxRenderer(scene, parallax)({ x: 0, y: 0, z: 0 });
    expect(Buffer.from(frame).equals(Buffer.from(scene.rgba))).toBe(true);
  });

  it("zooms near pixels more than far ones when the camera moves in", () => {
    const frame = parallaxRenderer(scene, parallax)({ x: 0, y: 0, z: 3 });
    const source = centroid(scene.rgba, SCENE_WIDTH, isRed).count;
    expect(centroid(frame, SCENE_WIDTH, isRed).count).toBeGreaterThan(source * 1.2);
  });

  it("fills what the near square uncovers with background texture, not a smear of the square or streaks", () => {
    const frame = parallaxRenderer(scene, { stillDisparity: 0.2, gain: 3 })({ x: 1, y: 0.5, z: 0 });
    const source = centroid(scene.rgba, SCENE_WIDTH, isRed).count;
    // The square keeps its size: nothing of it was stretched into the hole.
    expect(Math.abs(centroid(frame, SCENE_WIDTH, isRed).count - source) / source).toBeLessThan(0.1);
    // Where the square was and is no more, the checkerboard shows: not red, and both its colours
    // along every row (a hole filled by stretching its edge would be one colour along a row).
    const isBlue = (r: number, b: number) => b > 150 && r < 100;
    const isWhite = (r: number, b: number) => r > 180 && b > 180;
    const uncovered: Array<[number, number, number]> = [];
    for (let y = NEAR.y0; y < NEAR.y1; y++) {
      const row: Array<[number, number, number]> = [];
      for (let x = NEAR.x0; x < NEAR.x1; x++) {
        const rgb = [...frame.subarray((y * SCENE_WIDTH + x) * 4, (y * SCENE_WIDTH + x) * 4 + 3)] as [
          number,
          number,
          number,
        ];
        if (!isRed(...rgb)) row.push(rgb);
      }
      if (row.length >= 10)
        expect(row.some(([r, , b]) => isBlue(r, b)) && row.some(([r, , b]) => isWhite(r, b)), `row ${y}`).toBe(true);
      uncovered.push(...row);
    }
    expect(uncovered.length).toBeGreaterThan(200);
    const reddish = uncovered.filter(([r, g, b]) => r > g + 60 && r > b + 60).length;
    expect(reddish / uncovered.length).toBeLessThan(0.1);
    const blue = uncovered.filter(([r, , b]) => isBlue(r, b)).length;
    expect(blue / uncovered.length).toBeGreaterThan(0.2);
    expect(blue / uncovered.length).toBeLessThan(0.8);
  });
});
