// The pure pieces behind local 3D renders: what the encoder probe says, and what a local render costs.
import { describe, expect, it } from "vitest";
import type { SelectionItem } from "../../src/shared/messages.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { animationCredits, localEstimate } from "../../src/ui/credit-estimate.js";
import { diagnosticsRows, localOutputText, localVideoOutput } from "../../src/ui/encoder-probe.js";

describe("the encoder probe's words", () => {
  it("names the best video a local MP4 render makes here, or GIF only", () => {
    expect(localVideoOutput({ video: ["avc", "vp9", "vp8"] })).toBe("H.264 MP4");
    expect(localVideoOutput({ video: ["vp9", "vp8"] })).toBe("VP9 WebM");
    expect(localVideoOutput({ video: ["vp8"] })).toBe("VP8 WebM");
    expect(localVideoOutput({ video: [] })).toBe("GIF only");
  });

  it("tells the engine choice what this computer produces for the chosen format", () => {
    expect(localOutputText({ video: ["vp9"] }, "mp4")).toBe("This computer makes VP9 WebM here.");
    expect(localOutputText({ video: [] }, "mp4")).toBe(
      "This computer has no video encoder here: it makes a GIF instead.",
    );
    expect(localOutputText({ video: [] }, "gif")).toBe("This computer makes the GIF here.");
    expect(localOutputText(null, "mp4")).toMatch(/^Checking/);
  });

  it("lists each format for Diagnostics, GIF always", () => {
    expect(diagnosticsRows({ video: ["vp9"] })).toEqual([
      { name: "H.264 MP4", supported: false },
      { name: "VP9 WebM", supported: true },
      { name: "VP8 WebM", supported: false },
      { name: "GIF", supported: true },
    ]);
  });
});

const PRICES = { disparity: { image: 10 }, animation: { mp4: 20, gif: 15 } };
const DEPTH = { resultId: "a".repeat(64), options: { ...DEFAULT_SETTINGS.disparity, dilation: 0 }, thumbnail: null };
const item = (depth: SelectionItem["depth"]): SelectionItem => ({
  nodeId: "1:1",
  name: "Photo",
  width: 10,
  height: 10,
  thumbnail: null,
  depth,
  animation: null,
});

describe("what a local render costs", () => {
  it("is free where a depth map is placed, and pays only for the missing depth maps", () => {
    expect(localEstimate(PRICES, [item(DEPTH), item(DEPTH)], false)).toBe(
      "Free: rendered on this computer from the placed depth maps",
    );
    expect(localEstimate(PRICES, [item(DEPTH), item(null)], false)).toBe(
      "Up to 10 credits (10 per depth map for 1 layer without one; rendering is free; stored results are free)",
    );
    expect(localEstimate(PRICES, [item(null), item(null)], true)).toBe(
      "Up to 20 credits (10 per depth map for 2 layers without one; rendering is free)",
    );
    // Without prices a free render is still known to be free.
    expect(localEstimate(null, [item(DEPTH)], false)).toMatch(/^Free/);
    expect(localEstimate(null, [item(null)], false)).toBeNull();
    expect(localEstimate(PRICES, [], false)).toBeNull();
  });

  it("gives the engine choice Immersity's total for the same layers", () => {
    const settings = { disparity: { ...DEFAULT_SETTINGS.disparity, dilation: 0 }, animation: {} };
    expect(animationCredits(PRICES, [item(DEPTH), item(null)], settings)?.total).toBe(20 + 20 + 10);
    expect(animationCredits(null, [item(null)], settings)).toBeNull();
  });
});
