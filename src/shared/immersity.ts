// Immersity Cloud API shapes, transcribed from ../shared/immersity/*.openapi.json.
// test/shared/immersity-contract.test.ts compares these against the published documents.
import * as z from "zod";
import { OUTPUT_FPS, parsePattern } from "./immersity-values.js";

export { ANIMATION_DEFAULTS, DISPARITY_DEFAULTS, OUTPUT_FPS, parsePattern } from "./immersity-values.js";

export const InputType = z.enum(["image2d", "image360"]);
export const OutputBitDepth = z.enum(["uint8", "uint16"]);
export const AnimationType = z.enum(["mp4", "gif"]);
const url = z.string().min(1);

export const DisparityParams = z.strictObject({
  inputImageUrl: url,
  resultPresignedUrl: url.optional(),
  correlationId: z.string().optional(),
  dilation: z.number().min(-0.01).max(0.01).optional(),
  inputType: InputType.optional(),
  outputBitDepth: OutputBitDepth.optional(),
});
export type DisparityParams = z.infer<typeof DisparityParams>;

const NUMBER = String.raw`\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*`;
const TRIPLET = `${NUMBER},${NUMBER},${NUMBER}`;
/** What parsePattern reads, for the published schema (it also refuses numbers past a double's range). */
export const PATTERN = new RegExp(`^\\s*\\{?${TRIPLET}(,${TRIPLET})*\\}?\\s*$`);

export const AnimationParams = z.strictObject({
  inputImageUrl: url,
  resultPresignedUrl: url.optional(),
  correlationId: z.string().optional(),
  inputDisparityUrl: url,
  animationType: AnimationType.optional(),
  pattern: z
    .string()
    .regex(PATTERN, "pattern must be comma-separated x,y,z triplets of numbers")
    .refine((p) => parsePattern(p) !== null, "pattern must be comma-separated x,y,z triplets of numbers")
    .optional(),
  animationLength: z.number().min(1).max(10).optional(),
  outputWidth: z.number().int().positive().optional(),
  outputHeight: z.number().int().positive().optional(),
  amplitudeX: z.number().min(0).max(10).optional(),
  amplitudeY: z.number().min(0).max(10).optional(),
  amplitudeZ: z.number().min(0).max(10).optional(),
  phaseX: z.number().min(0).max(7).optional(),
  phaseY: z.number().min(0).max(7).optional(),
  phaseZ: z.number().min(0).max(7).optional(),
  gain: z.number().min(0).max(10).optional(),
  convergence: z.number().min(-1).max(1).optional(),
  numberOfLoops: z.number().min(0).max(10).optional(),
  // Immersity's document says only "number"; the emulator refuses what the service refuses.
  outputFps: z
    .number()
    .refine((n) => (OUTPUT_FPS as readonly number[]).includes(n), `outputFps must be one of ${OUTPUT_FPS.join(", ")}`)
    .optional(),
});
export type AnimationParams = z.infer<typeof AnimationParams>;

export const CallResult = z.object({
  correlationId: z.string(),
  resultPresignedUrl: z.string(),
});
export type CallResult = z.infer<typeof CallResult>;

export const Prices = z.object({
  disparity: z.record(z.string(), z.number()),
  animation: z.record(z.string(), z.number()),
});
export type Prices = z.infer<typeof Prices>;

export const StorageCallResult = z.object({
  url: z.string(),
  urlExpiresUTC: z.string(),
});
export type StorageCallResult = z.infer<typeof StorageCallResult>;

export const UploadUrlQuery = z.strictObject({
  fileName: z.string().optional(),
  mediaType: z.string().optional(),
  correlationId: z.string().optional(),
});

export const TokenRequest = z.strictObject({
  grant_type: z.literal("client_credentials"),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

/** Keycloak's answer; only access_token is published, the rest is what any realm sends. */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const IMMERSITY_API_URL = "https://api.immersity.ai";
export const IMMERSITY_TOKEN_URL = "https://auth.immersity.ai/auth/realms/immersity/protocol/openid-connect/token";
export const TOKEN_PATH = "/auth/realms/immersity/protocol/openid-connect/token";
