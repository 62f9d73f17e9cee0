// The sandbox's pure pieces: where results go, how large exports are, and settings merging.
import { describe, expect, it } from "vitest";
import { exportPlan } from "../../src/plugin/export-size.js";
import { besideWithoutOverlap, RESULT_GAP } from "../../src/plugin/layout.js";
import { DEFAULT_SETTINGS, mergeSettings } from "../../src/shared/settings.js";

describe("placement beside the source", () => {
  const source = { x: 100, y: 50, width: 200, height: 100 };

  it("goes right of the source with a 40 px gap, same size and top", () => {
    expect(besideWithoutOverlap(source, [])).toEqual({ x: 100 + 200 + RESULT_GAP, y: 50, width: 200, height: 100 });
  });

  it("moves past siblings it would overlap, including chains of them", () => {
    const siblings = [
      { x: 350, y: 80, width: 100, height: 20 },
      { x: 480, y: 0, width: 50, height: 500 },
      { x: 2000, y: 0, width: 10, height: 10 },
    ];
    const spot = besideWithoutOverlap(source, siblings);
    expect(spot.x).toBe(480 + 50 + RESULT_GAP);
    for (const s of siblings) {
      const overlap =
        spot.x < s.x + s.width && s.x < spot.x + spot.width && spot.y < s.y + s.height && s.y < spot.y + spot.height;
      expect(overlap).toBe(false);
    }
  });

  it("ignores siblings above, below or left of the spot", () => {
    const siblings = [
      { x: 340, y: 151, width: 500, height: 10 },
      { x: 340, y: 0, width: 500, height: 49 },
      { x: 0, y: 50, width: 90, height: 100 },
    ];
    expect(besideWithoutOverlap(source, siblings).x).toBe(340);
  });
});

describe("export size", () => {
  it("makes the long side the target size, by width or by height", () => {
    expect(exportPlan(1000, 500, 2048)).toEqual({
      constraint: { type: "WIDTH", value: 2048 },
      width: 2048,
      height: 1024,
    });
    expect(exportPlan(300, 900, 2048)).toEqual({
      constraint: { type: "HEIGHT", value: 2048 },
      width: 683,
      height: 2048,
    });
  });

  it("never asks Figma for more than 4096 px", () => {
    expect(exportPlan(10_000, 5_000, 9000).constraint).toEqual({ type: "WIDTH", value: 4096 });
  });
});

describe("settings", () => {
  it("fills what is missing and replaces what is invalid, field by field", () => {
    expect(mergeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    const merged = mergeSettings({
      backendUrl: "https://depth.example.com",
      apiKey: 42,
      concurrency: 99,
      unknown: true,
    });
    expect(merged).toEqual({ ...DEFAULT_SETTINGS, backendUrl: "https://depth.example.com" });
    expect(
      mergeSettings({ disparity: { dilation: 0, outputBitDepth: "uint16", inputType: "image2d" } }).disparity
        .outputBitDepth,
    ).toBe("uint16");
  });
});
