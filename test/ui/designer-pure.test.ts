// The pure pieces behind the designer's flow: what the backend would refuse, results made again
// from what they record, and the batch's overall progress.
import { describe, expect, it } from "vitest";
import type { ResultItem } from "../../src/shared/messages.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { batchProgress, progressText } from "../../src/ui/batch-progress.js";
import { FigmaError } from "../../src/ui/run-item.js";
import { describeFailure } from "../../src/ui/error-text.js";
import { animationProblems, disparityProblems, firstProblem } from "../../src/ui/option-problems.js";
import { madeAtText, regenerateEstimate, regenerateJob, resultSummary } from "../../src/ui/regenerate.js";

const PRICES = { disparity: { image: 10 }, animation: { mp4: 20, gif: 15 } };
const DEPTH = { dilation: 0.004, outputBitDepth: "uint16", inputType: "image2d" } as const;
const result = (
  kind: "depth" | "animation",
  options: ResultItem["options"],
  engine: ResultItem["engine"] = "immersity",
): ResultItem => ({
  nodeId: `${kind}:1`,
  name: `Photo — ${kind}`,
  kind,
  sourceId: "1:1",
  sourceName: "Photo",
  options,
  engine,
  madeAt: "2026-12-03T11:58:00.000Z",
});

describe("options the backend would refuse", () => {
  it("accepts the defaults and says which field is out of range, and by how much it may go", () => {
    expect(animationProblems(DEFAULT_SETTINGS.animation)).toEqual({});
    expect(disparityProblems(DEFAULT_SETTINGS.disparity)).toEqual({});
    const problems = animationProblems({
      animationLength: 0.5,
      numberOfLoops: 1.5,
      convergence: -2,
      outputFps: 7,
    });
    expect(problems).toEqual({
      animationLength: "Duration must be from 1 to 10.",
      numberOfLoops: "Extra loops must be a whole number from 0 to 10.",
      convergence: "Pivot depth must be from -1 to 1.",
      outputFps: "Frame rate must be Auto or one of 1, 5, 10, 15, 24, 25, 30, 60.",
    });
    expect(firstProblem(problems)).toBe("Duration must be from 1 to 10.");
    expect(disparityProblems({ dilation: 0.5 })).toEqual({
      dilation: "Edge dilation must be from -0.01 to 0.01.",
    });
  });

  it("refuses a camera pattern that is not x,y,z triplets of numbers", () => {
    expect(animationProblems({ pattern: "0,0,0, 1,0,0" })).toEqual({});
    for (const pattern of ["0,0", "0,0,x", "", "1,2,3,"]) {
      expect(animationProblems({ pattern }).pattern).toMatch(/groups of three/);
    }
  });
});

describe("making a result again", () => {
  it("makes a 3D result the same animation, and a depth map the same depth map, always fresh", () => {
    const animation = {
      disparity: DEPTH,
      animation: { animationType: "gif" as const, amplitudeX: 2 },
    };
    expect(regenerateJob(result("animation", animation), 512)).toEqual({
      nodeId: "1:1",
      targetSize: 512,
      fresh: true,
      work: { kind: "animation", disparity: DEPTH, options: animation.animation, engine: "immersity", depth: null },
    });
    expect(regenerateJob(result("animation", animation, "local"), 512).work).toMatchObject({ engine: "local" });
    expect(regenerateJob(result("depth", { dilation: 0.002 }), 512).work).toEqual({
      kind: "depth",
      options: { dilation: 0.002, outputBitDepth: "uint8", inputType: "image2d" },
    });
  });

  it("estimates without the cache: an animation pays for its depth map too", () => {
    const gif = result("animation", { disparity: DEPTH, animation: { animationType: "gif" } });
    expect(regenerateEstimate(PRICES, [gif, result("depth", DEPTH)])).toBe("Up to 35 credits");
    expect(regenerateEstimate(null, [gif])).toBeNull();
    // A local render is free: at most its layer's depth map is paid for.
    const local = result("animation", { disparity: DEPTH, animation: { animationType: "gif" } }, "local");
    expect(regenerateEstimate(PRICES, [local])).toBe("Up to 10 credits");
  });

  it("says what a result is and when it was made", () => {
    const video = result("animation", {
      disparity: DEPTH,
      animation: {
        animationLength: 2,
        amplitudeX: 1,
        amplitudeY: 0,
        amplitudeZ: 0,
        phaseX: 0,
        phaseY: 0,
        phaseZ: 0,
      },
    });
    expect(resultSummary(video)).toBe("3D animation · MP4, 2 s, Horizontal");
    expect(resultSummary({ ...video, engine: "local" })).toBe(
      "3D animation · MP4, 2 s, Horizontal, rendered on this computer",
    );
    expect(resultSummary(result("depth", DEPTH))).toBe("Depth map · 16-bit, edge dilation 0.004");
    expect(madeAtText("2026-12-03T11:58:00.000Z")).toMatch(/^Made .*2026/);
    expect(madeAtText(null)).toBe("Made before this plugin recorded when");
  });
});

describe("overall progress and exports", () => {
  it("counts the batch's rows: '1 of 3 done, 1 failed'", () => {
    const states = {
      a: { status: "done" as const, cached: false },
      b: { status: "error" as const, message: "x" },
      c: { status: "generating" as const },
    };
    expect(progressText(batchProgress(["a", "b", "c"], states))).toBe("1 of 3 done, 1 failed");
  });

  it("says Figma could not export the layer when its export is empty", () => {
    const sentence = describeFailure(new FigmaError("export", "it came back empty or could not be read"), {
      backendUrl: "x",
      itemTimeoutS: 60,
    });
    expect(sentence).toBe("Figma could not export this layer: it came back empty or could not be read.");
  });
});
