// Immersity Cloud API shapes, transcribed from ../shared/immersity/*.openapi.json.
// test/shared/immersity-contract.test.ts compares these against the published documents.
import * as z from "zod/mini";
import { lazySchema } from "./lazy-schema.js";
import { OUTPUT_FPS, PARAM_RANGES, parsePattern } from "./immersity-values.js";

export { ANIMATION_DEFAULTS, DISPARITY_DEFAULTS, OUTPUT_FPS, PARAM_RANGES, parsePattern } from "./immersity-values.js";

export const InputType = /* @__PURE__ */ lazySchema(() => z.enum(["image2d", "image360"]));
export const OutputBitDepth = /* @__PURE__ */ lazySchema(() => z.enum(["uint8", "uint16"]));
export const AnimationType = /* @__PURE__ */ lazySchema(() => z.enum(["mp4", "gif"]));
const nonEmpty = z.string().check(z.minLength(1));
const optionalString = z.optional(z.string());
/** An optional number within a field's published bounds. */
const between = ({ min, max }: { min: number; max: number }) =>
  z.optional(z.number().check(z.minimum(min), z.maximum(max)));

export const DisparityParams = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    inputImageUrl: nonEmpty,
    resultPresignedUrl: z.optional(nonEmpty),
    correlationId: optionalString,
    dilation: between(PARAM_RANGES.dilation),
    inputType: z.optional(InputType),
    outputBitDepth: z.optional(OutputBitDepth),
  }),
);
export type DisparityParams = z.infer<typeof DisparityParams>;

const NUMBER = String.raw`\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*`;
const TRIPLET = `${NUMBER},${NUMBER},${NUMBER}`;
/** What parsePattern reads, for the published schema (it also refuses numbers past a double's range). */
export const PATTERN = new RegExp(`^\\s*\\{?${TRIPLET}(,${TRIPLET})*\\}?\\s*$`);
const PATTERN_MESSAGE = "pattern must be comma-separated x,y,z triplets of numbers";

export const AnimationParams = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    inputImageUrl: nonEmpty,
    resultPresignedUrl: z.optional(nonEmpty),
    correlationId: optionalString,
    inputDisparityUrl: nonEmpty,
    animationType: z.optional(AnimationType),
    pattern: z.optional(
      z.string().check(
        z.regex(PATTERN, PATTERN_MESSAGE),
        z.refine((p) => parsePattern(p) !== null, PATTERN_MESSAGE),
      ),
    ),
    animationLength: between(PARAM_RANGES.animationLength),
    outputWidth: z.optional(z.number().check(z.int(), z.positive())),
    outputHeight: z.optional(z.number().check(z.int(), z.positive())),
    amplitudeX: between(PARAM_RANGES.amplitudeX),
    amplitudeY: between(PARAM_RANGES.amplitudeY),
    amplitudeZ: between(PARAM_RANGES.amplitudeZ),
    phaseX: between(PARAM_RANGES.phaseX),
    phaseY: between(PARAM_RANGES.phaseY),
    phaseZ: between(PARAM_RANGES.phaseZ),
    gain: between(PARAM_RANGES.gain),
    convergence: between(PARAM_RANGES.convergence),
    numberOfLoops: between(PARAM_RANGES.numberOfLoops),
    // Immersity's document says only "number"; the emulator refuses what the service refuses.
    outputFps: z.optional(
      z
        .number()
        .check(
          z.refine(
            (n) => (OUTPUT_FPS as readonly number[]).includes(n),
            `outputFps must be one of ${OUTPUT_FPS.join(", ")}`,
          ),
        ),
    ),
  }),
);
export type AnimationParams = z.infer<typeof AnimationParams>;

export const CallResult = /* @__PURE__ */ lazySchema(() =>
  z.object({
    correlationId: z.string(),
    resultPresignedUrl: z.string(),
  }),
);
export type CallResult = z.infer<typeof CallResult>;

export const Prices = /* @__PURE__ */ lazySchema(() =>
  z.object({
    disparity: z.record(z.string(), z.number()),
    animation: z.record(z.string(), z.number()),
  }),
);
export type Prices = z.infer<typeof Prices>;

export const StorageCallResult = /* @__PURE__ */ lazySchema(() =>
  z.object({
    url: z.string(),
    urlExpiresUTC: z.string(),
  }),
);
export type StorageCallResult = z.infer<typeof StorageCallResult>;

export const UploadUrlQuery = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    fileName: optionalString,
    mediaType: optionalString,
    correlationId: optionalString,
  }),
);

export const TokenRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    grant_type: z.literal("client_credentials"),
    client_id: nonEmpty,
    client_secret: nonEmpty,
  }),
);
export type TokenRequest = z.infer<typeof TokenRequest>;

/** Keycloak's answer; only access_token is published, the rest is what any realm sends. */
export const TokenResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    access_token: nonEmpty,
    expires_in: z.optional(z.number().check(z.positive())),
    token_type: optionalString,
  }),
);
export type TokenResponse = z.infer<typeof TokenResponse>;

export const IMMERSITY_API_URL = "https://api.immersity.ai";
export const IMMERSITY_TOKEN_URL = "https://auth.immersity.ai/auth/realms/immersity/protocol/openid-connect/token";
export const TOKEN_PATH = "/auth/realms/immersity/protocol/openid-connect/token";
