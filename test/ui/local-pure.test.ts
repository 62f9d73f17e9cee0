// The pure pieces behind local 3D renders: what the encoder probe says, and what a local render costs.
import { describe, expect, it } from "vitest";
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
