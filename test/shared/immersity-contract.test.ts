// Catches drift between the zod schemas in src/shared and Immersity's published OpenAPI documents.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as immersity from "../../src/shared/immersity.js";

const specDir = fileURLToPath(new URL("../../spec/immersity/", import.meta.url));
const upstreamDir = fileURLToPath(new URL("../../../shared/immersity/", import.meta.url));
const readSpec = (dir: string, name: string) => JSON.parse(readFileSync(dir + name, "utf8"));

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
};

const cloud = readSpec(specDir, "cloud-api.openapi.json");
const auth = readSpec(specDir, "auth.openapi.json");

const pairs: Array<[string, z.core.$ZodType, JsonSchema]> = [
  ["RESTMonoDepthEstimationParams", immersity.DisparityParams, cloud.components.schemas.RESTMonoDepthEstimationParams],
  ["RESTAnimationGenerationParams", immersity.AnimationParams, cloud.components.schemas.RESTAnimationGenerationParams],
  ["RESTAPICallResult", immersity.CallResult, cloud.components.schemas.RESTAPICallResult],
  ["Prices", immersity.Prices, cloud.components.schemas.Prices],
  ["RESTStorageApiCallResult", immersity.StorageCallResult, cloud.components.schemas.RESTStorageApiCallResult],
  [
    "token request",
    immersity.TokenRequest,
    auth.paths["/protocol/openid-connect/token"].post.requestBody.content["application/x-www-form-urlencoded"].schema,
  ],
];

// JSON numbers are one type; zod says "integer" where it checks more.
const sameType = (published: string | undefined, ours: string | undefined) =>
  published === ours || (published === "number" && ours === "integer");

// Bounds zod adds for .int() alone, which say nothing about the contract.
const isSafeIntBound = (n: number | undefined) => n === Number.MIN_SAFE_INTEGER || n === Number.MAX_SAFE_INTEGER;

describe("zod schemas match Immersity's OpenAPI documents", () => {
  it("keeps the vendored copy identical to ../shared/immersity when that folder is present", () => {
    if (!existsSync(upstreamDir)) return;
    for (const name of ["cloud-api.openapi.json", "auth.openapi.json"]) {
      expect(readSpec(specDir, name), name).toEqual(readSpec(upstreamDir, name));
    }
  });

  for (const [name, schema, published] of pairs) {
    describe(name, () => {
      const ours = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
      const fields = Object.keys(published.properties ?? {});

      it("has the same fields", () => {
        expect(Object.keys(ours.properties ?? {}).sort()).toEqual(fields.sort());
      });

      it("requires the same fields", () => {
        expect([...(ours.required ?? [])].sort()).toEqual([...(published.required ?? [])].sort());
      });

      for (const field of fields) {
        it(`${field}: same type, enum and bounds`, () => {
          const p = published.properties![field]!;
          const o = ours.properties![field]!;
          expect(sameType(p.type, o.type), `${p.type} vs ${o.type}`).toBe(true);
          expect(o.enum).toEqual(p.enum);
          expect(isSafeIntBound(o.minimum) ? undefined : o.minimum).toEqual(p.minimum);
          expect(isSafeIntBound(o.maximum) ? undefined : o.maximum).toEqual(p.maximum);
        });
      }
    });
  }

  it("parses the documented example pattern and refuses broken ones", () => {
    expect(immersity.parsePattern("{0.0, 0.0, 0.0, 0.0, 0.0, 0.0}")).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(immersity.parsePattern("1,2")).toBeNull();
    expect(immersity.parsePattern("1,2,x")).toBeNull();
    expect(immersity.parsePattern("")).toBeNull();
  });

  it("accepts only the documented output frame rates", () => {
    const base = { inputImageUrl: "http://a/i", inputDisparityUrl: "http://a/d" };
    for (const fps of immersity.OUTPUT_FPS)
      expect(immersity.AnimationParams.safeParse({ ...base, outputFps: fps }).success).toBe(true);
    expect(immersity.AnimationParams.safeParse({ ...base, outputFps: 12 }).success).toBe(false);
  });
});
