// The UI's pure pieces: sentences for every failure, batch summaries, estimates, states.
import { describe, expect, it } from "vitest";
import { ERRORS } from "../../src/shared/errors.js";
import { BackendError, type FailureCode } from "../../src/ui/backend-client.js";
import { summaryMessage } from "../../src/ui/batch.js";
import { animationEstimate, depthEstimate } from "../../src/ui/credit-estimate.js";
import { gifOutputSize } from "../../src/ui/gif-size.js";
import { MOTION_PRESETS, presetOf } from "../../src/ui/motion-presets.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { describeFailure, failureSentence } from "../../src/ui/error-text.js";
import { fitWithin } from "../../src/ui/image-resize.js";
import { stateLabel } from "../../src/ui/item-state.js";
import { FigmaError } from "../../src/ui/run-item.js";

const context = { backendUrl: "https://depth.example.com" };
const codes = [
  ...Object.keys(ERRORS),
  "network",
  "unreadable_answer",
  "bad_answer",
  "storage_refused",
] as FailureCode[];

describe("failure sentences", () => {
  it.each(codes)("%s is one plain sentence saying what to do", (code) => {
    const sentence = failureSentence(code, context);
    expect(sentence).toMatch(/^[A-Z].*[.]$/);
    expect(sentence.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
    expect(sentence).not.toMatch(/undefined|null|\[object/);
  });

  it.each(codes)("%s, shown inside Settings, does not send the designer to Settings", (code) => {
    const sentence = failureSentence(code, { ...context, inSettings: true });
    expect(sentence).not.toMatch(/Settings/);
    expect(sentence).toMatch(/^[A-Z].*[.]$/);
  });

  it("tells an address where something answers apart from one where nothing does", () => {
    expect(failureSentence("network", context)).toBe(
      "The backend at https://depth.example.com cannot be reached: check the URL in Settings and that the backend " +
        "is running.",
    );
    expect(failureSentence("unreadable_answer", context)).toMatch(
      /^The address https:\/\/depth\.example\.com answers, but it is not a Depthframe backend/,
    );
    expect(failureSentence("bad_answer", { ...context, inSettings: true })).toBe(
      "The address https://depth.example.com answers, but it is not a Depthframe backend: check the URL above.",
    );
  });

  it("names the backend URL when it cannot be reached, and immersity.ai when out of credits", () => {
    expect(failureSentence("network", context)).toContain("https://depth.example.com");
    expect(failureSentence("insufficient_credits", context)).toContain("immersity.ai");
    expect(failureSentence("rate_limited", { ...context, retryAfterS: 30 })).toContain("30 seconds");
  });

  it("describes errors of every origin", () => {
    const options = { backendUrl: context.backendUrl, itemTimeoutS: 90 };
    expect(describeFailure(new BackendError("unauthorized", "x"), options)).toMatch(/API key/);
    expect(describeFailure(new FigmaError("export", "Image is too large."), options)).toBe(
      "Figma could not export this layer: Image is too large.",
    );
    expect(describeFailure(new DOMException("t", "TimeoutError"), options)).toMatch(/90 seconds/);
  });
});

describe("batch summary", () => {
  it("counts what happened in at most 100 characters", () => {
    expect(summaryMessage({ placedNodeIds: ["1:1"], upToDate: 0, failed: 0, cancelled: 0, unstarted: 0 })).toBe(
      "1 depth map placed",
    );
    expect(summaryMessage({ placedNodeIds: ["1:1", "1:2"], upToDate: 0, failed: 1, cancelled: 3, unstarted: 0 })).toBe(
      "2 depth maps placed, 1 failed, 3 cancelled",
    );
    expect(summaryMessage({ placedNodeIds: [], upToDate: 0, failed: 1, cancelled: 0, unstarted: 9 })).toBe(
      "0 depth maps placed, 1 failed, 9 not started",
    );
  });

  it("says which results were already up to date rather than placed", () => {
    expect(summaryMessage({ placedNodeIds: ["1:1", "1:2"], upToDate: 2, failed: 0, cancelled: 0, unstarted: 0 })).toBe(
      "2 depth maps already up to date",
    );
    expect(
      summaryMessage(
        { placedNodeIds: ["1:1", "1:2", "1:3"], upToDate: 1, failed: 1, cancelled: 0, unstarted: 0 },
        "animation",
      ),
    ).toBe("2 animations placed, 1 already up to date, 1 failed");
  });
});

describe("credit estimates", () => {
  const prices = { disparity: { mono: 10 }, animation: { mp4: 10, gif: 7 } };
  const item = (depth: unknown) => ({ nodeId: "1:1", name: "A", width: 1, height: 1, thumbnail: null, depth }) as never;

  it("multiplies the price by the count, and says nothing without a price", () => {
    expect(depthEstimate(prices, 3, false)).toBe("Up to 30 credits (10 per image; stored results are free)");
    expect(depthEstimate(prices, 3, true)).toBe("Up to 30 credits (10 per image)");
    expect(depthEstimate(null, 3, false)).toBeNull();
    expect(depthEstimate(prices, 0, false)).toBeNull();
  });

  it("counts an animation's disparity call unless the placed depth map has the same options", () => {
    const settings = { disparity: DEFAULT_SETTINGS.disparity, animation: { animationType: "gif" as const } };
    const same = { resultId: "a".repeat(64), options: { ...DEFAULT_SETTINGS.disparity } };
    const other = { resultId: "b".repeat(64), options: { ...DEFAULT_SETTINGS.disparity, dilation: 0 } };
    expect(animationEstimate(prices, [item(null), item(other), item(same)], settings, false)).toBe(
      "Up to 41 credits (7 per animation, 10 per depth map, 1 depth map reused, stored results are free)",
    );
  });
});

describe("motion presets and GIF sizes", () => {
  it("recognises each preset from its fields, and a pattern as custom", () => {
    for (const [name, fields] of Object.entries(MOTION_PRESETS))
      expect(presetOf({ animationLength: 3, ...fields })).toBe(name);
    expect(presetOf({ ...MOTION_PRESETS.Circle, amplitudeX: 2 })).toBeNull();
    expect(presetOf({ ...MOTION_PRESETS.Circle, pattern: "0,0,0" })).toBeNull();
  });

  it("asks for GIFs that fit Figma's 4096 px, keeping the input's shape", () => {
    expect(gifOutputSize({}, { width: 2048, height: 1024 })).toEqual({ outputWidth: 2048, outputHeight: 1024 });
    expect(gifOutputSize({ outputWidth: 8000 }, { width: 2000, height: 1000 })).toEqual({
      outputWidth: 4096,
      outputHeight: 2048,
    });
    expect(gifOutputSize({ outputHeight: 5000 }, { width: 1000, height: 1000 })).toEqual({
      outputWidth: 4096,
      outputHeight: 4096,
    });
  });
});

describe("sizes and states", () => {
  it("fits results within 4096 px keeping the aspect ratio", () => {
    expect(fitWithin(8000, 4000)).toEqual({ width: 4096, height: 2048 });
    expect(fitWithin(100, 50)).toEqual({ width: 100, height: 50 });
  });

  it("labels states for people", () => {
    expect(stateLabel({ status: "uploading", progress: 0.456 })).toBe("Uploading 46%");
    expect(stateLabel({ status: "generating" })).toBe("Generating…");
    expect(stateLabel({ status: "cancelled" })).toBe("Cancelled");
    expect(stateLabel({ status: "done", cached: true })).toBe("Done (from cache)");
    expect(stateLabel({ status: "unstarted" })).toBe("Not started");
  });
});
