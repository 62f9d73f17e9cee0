// The UI's pure pieces: sentences for every failure, batch summaries, estimates, states.
import { describe, expect, it } from "vitest";
import { ERRORS } from "../../src/shared/errors.js";
import { BackendError, type FailureCode } from "../../src/ui/backend-client.js";
import { describeFailure, summaryMessage } from "../../src/ui/batch.js";
import { creditEstimate } from "../../src/ui/credit-estimate.js";
import { failureSentence } from "../../src/ui/error-text.js";
import { fitWithin } from "../../src/ui/image-resize.js";
import { stateLabel } from "../../src/ui/item-state.js";
import { FigmaError } from "../../src/ui/run-item.js";

const context = { backendUrl: "https://depth.example.com" };
const codes = [...Object.keys(ERRORS), "network", "bad_answer", "storage_refused"] as FailureCode[];

describe("failure sentences", () => {
  it.each(codes)("%s is one plain sentence saying what to do", (code) => {
    const sentence = failureSentence(code, context);
    expect(sentence).toMatch(/^[A-Z].*[.]$/);
    expect(sentence.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
    expect(sentence).not.toMatch(/undefined|null|\[object/);
  });

  it("names the backend URL when it cannot be reached, and immersity.ai when out of credits", () => {
    expect(failureSentence("network", context)).toContain("https://depth.example.com");
    expect(failureSentence("insufficient_credits", context)).toContain("immersity.ai");
    expect(failureSentence("rate_limited", { ...context, retryAfterS: 30 })).toContain("30 seconds");
  });

  it("describes errors of every origin", () => {
    const options = { backendUrl: context.backendUrl, itemTimeoutS: 90 };
    expect(describeFailure(new BackendError("unauthorized", "x"), options)).toMatch(/API key/);
    expect(describeFailure(new FigmaError("export", "Image is too large."), options)).toBe("Figma could not export this layer: Image is too large.");
    expect(describeFailure(new DOMException("t", "TimeoutError"), options)).toMatch(/90 seconds/);
  });
});

describe("batch summary", () => {
  it("counts what happened in at most 100 characters", () => {
    expect(summaryMessage({ placedNodeIds: ["1:1"], failed: 0, cancelled: 0 })).toBe("1 depth map placed");
    expect(summaryMessage({ placedNodeIds: ["1:1", "1:2"], failed: 1, cancelled: 3 })).toBe("2 depth maps placed, 1 failed, 3 cancelled");
  });
});

describe("credit estimate", () => {
  it("multiplies the price by the count, and says nothing without a price", () => {
    expect(creditEstimate(10, 3, false)).toBe("Up to 30 credits (10 per image; stored results are free)");
    expect(creditEstimate(10, 3, true)).toBe("Up to 30 credits (10 per image)");
    expect(creditEstimate(null, 3, false)).toBeNull();
    expect(creditEstimate(10, 0, false)).toBeNull();
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
  });
});
