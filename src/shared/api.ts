// Contract v1 between the plugin UI and the backend (docs/backend-api.md).
import * as z from "zod/mini";
import { lazySchema } from "./lazy-schema.js";
import { AnimationParams, DisparityParams, OUTPUT_FPS } from "./immersity.js";

export const API_VERSION = "v1";

const hex64 = () => z.string().check(z.regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters"));

export const Sha256Hex = /* @__PURE__ */ lazySchema(() => hex64());

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const ImageContentType = /* @__PURE__ */ lazySchema(() => z.enum(IMAGE_TYPES));
export type ImageContentType = z.infer<typeof ImageContentType>;

export const StorageKind = /* @__PURE__ */ lazySchema(() => z.enum(["local", "s3", "azure", "immersity", "r2"]));
export const UpstreamKind = /* @__PURE__ */ lazySchema(() => z.enum(["immersity", "emulator"]));

export const HealthResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    status: z.literal("ok"),
    version: z.string(),
    storage: StorageKind,
    upstream: UpstreamKind,
  }),
);
export type HealthResponse = z.infer<typeof HealthResponse>;

export const UploadRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    sha256: Sha256Hex,
    contentType: ImageContentType,
    size: z.number().check(z.int(), z.positive()),
  }),
);
export type UploadRequest = z.infer<typeof UploadRequest>;

export const PresignedUpload = /* @__PURE__ */ lazySchema(() =>
  z.object({
    url: z.string().check(z.url()),
    method: z.literal("PUT"),
    headers: z.record(z.string(), z.string()),
  }),
);
export type PresignedUpload = z.infer<typeof PresignedUpload>;

export const UploadResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    imageId: Sha256Hex,
    upload: z.nullable(PresignedUpload),
    expiresAt: z.string().check(z.iso.datetime()),
  }),
);
export type UploadResponse = z.infer<typeof UploadResponse>;

/** The Immersity disparity fields a client may set; URLs and ids are the backend's business. */
export const DisparityOptions = /* @__PURE__ */ lazySchema(() =>
  z.pick(DisparityParams, {
    dilation: true,
    outputBitDepth: true,
    inputType: true,
  }),
);
export type DisparityOptions = z.infer<typeof DisparityOptions>;

export const DisparityRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    imageId: Sha256Hex,
    options: z._default(DisparityOptions, {}),
    fresh: z._default(z.boolean(), false),
  }),
);
export type DisparityRequest = z.infer<typeof DisparityRequest>;

export const ResultId = /* @__PURE__ */ lazySchema(() => hex64());

/** Every animation field of Immersity's API a client may set; the URLs are the backend's business. */
export const AnimationOptions = /* @__PURE__ */ lazySchema(() =>
  z.extend(
    z.omit(AnimationParams, {
      inputImageUrl: true,
      inputDisparityUrl: true,
      resultPresignedUrl: true,
      correlationId: true,
    }),
    {
      // Published as the list it is, so clients of the backend's OpenAPI see exactly what is taken.
      outputFps: z.optional(z.literal(OUTPUT_FPS, `outputFps must be one of ${OUTPUT_FPS.join(", ")}`)),
    },
  ),
);
export type AnimationOptions = z.infer<typeof AnimationOptions>;

export const AnimationRequest = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    imageId: Sha256Hex,
    /** A disparity map made earlier for this image; without it one is reused or made with `disparity`. */
    disparityResultId: z.optional(ResultId),
    /** A disparity map the client made (a grayscale PNG of the image's size, uploaded like an image),
     *  such as the plugin's layer depth: the animation is then the only call. */
    disparityImageId: z.optional(Sha256Hex),
    disparity: z._default(DisparityOptions, {}),
    options: z._default(AnimationOptions, {}),
    fresh: z._default(z.boolean(), false),
  }),
);
export type AnimationRequest = z.infer<typeof AnimationRequest>;

export const ResultResponse = /* @__PURE__ */ lazySchema(() =>
  z.object({
    resultId: ResultId,
    url: z.string().check(z.url()),
    contentType: z.string(),
    cached: z.boolean(),
    correlationId: z.string().check(z.uuid()),
  }),
);
export type ResultResponse = z.infer<typeof ResultResponse>;
