// toClassic: the shared zod/mini schemas, rebuilt as classic zod for @hono/zod-openapi, publish the
// same JSON Schema, take and refuse the same values with the same messages, and fill the same defaults.
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { toClassic } from "../../src/backend/routes/classic-schema.js";
import { AnimationRequest, DisparityRequest, ResultResponse, UploadResponse } from "../../src/shared/api.js";
import { Problem } from "../../src/shared/errors.js";
import { UiRequest } from "../../src/shared/messages.js";

const schemas = { AnimationRequest, DisparityRequest, ResultResponse, UploadResponse, Problem, UiRequest };
const messages = (result: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("toClassic", () => {
  for (const [name, mini] of Object.entries(schemas)) {
    it(`${name}: a classic schema with the same JSON Schema`, () => {
      const classic = toClassic(mini);
      expect(classic).toBeInstanceOf(z.ZodType);
      expect(mini).not.toBeInstanceOf(z.ZodType);
      for (const io of ["input", "output"] as const) {
        expect(z.toJSONSchema(classic, { io, unrepresentable: "any" })).toEqual(
          z.toJSONSchema(mini, { io, unrepresentable: "any" }),
        );
      }
    });
  }

  it("takes, refuses and fills defaults exactly as the shared schema does", () => {
    const id = "a".repeat(64);
    const values: unknown[] = [
      { imageId: id },
      { imageId: id, options: { pattern: "0,0,0", outputFps: 30 }, fresh: true },
      { imageId: id, options: { pattern: "0,0", outputFps: 31, gain: 11 } },
      { imageId: "A".repeat(64), extra: 1 },
      { imageId: id, disparity: { dilation: 0.5, outputBitDepth: "uint32" } },
      null,
    ];
    const classic = toClassic(AnimationRequest);
    for (const value of values) {
      const ours = AnimationRequest.safeParse(value);
      const theirs = classic.safeParse(value);
      expect(theirs.success).toBe(ours.success);
      expect(theirs.data).toEqual(ours.data);
      expect(messages(theirs)).toEqual(messages(ours));
    }
    expect(classic.parse({ imageId: id })).toEqual({ imageId: id, disparity: {}, options: {}, fresh: false });
  });

  it("hands out a fresh default each time, as the shared schema does", () => {
    const classic = toClassic(DisparityRequest);
    const first = classic.parse({ imageId: "b".repeat(64) });
    (first.options as Record<string, unknown>).dilation = 0.001;
    expect(classic.parse({ imageId: "b".repeat(64) }).options).toEqual({});
  });

  it("converts each schema once", () => {
    expect(toClassic(ResultResponse)).toBe(toClassic(ResultResponse));
  });
});
