import { createRoute } from "@hono/zod-openapi";
import { UploadRequest, UploadResponse } from "../../shared/api.js";
import { ApiError } from "../problem.js";
import { uploadKey, type Storage } from "../storage/storage.js";
import { describeIssues, jsonBody, jsonResponse, newRouter, problems } from "./router.js";

export interface UploadDeps {
  storage: Storage;
  maxBytes: number;
  urlTtlS: number;
}

export function uploadRoutes(deps: UploadDeps) {
  const route = createRoute({
    method: "post",
    path: "/uploads",
    summary: "Get a presigned URL to upload an image's bytes straight to storage",
    request: jsonBody(UploadRequest),
    responses: {
      200: jsonResponse("Where to upload; upload is null when the image is already stored", UploadResponse),
      ...problems(400, 401, 413, 415),
    },
  });
  return newRouter().openapi(
    route,
    async (c) => {
      const { sha256, contentType, size } = c.req.valid("json");
      if (size > deps.maxBytes)
        throw new ApiError("payload_too_large", `The image is ${size} bytes; the limit is ${deps.maxBytes}.`);
      const key = uploadKey(sha256);
      if (await deps.storage.head(key)) {
        return c.json(
          {
            imageId: sha256,
            upload: null,
            expiresAt: new Date(Date.now() + deps.urlTtlS * 1000).toISOString(),
          },
          200,
        );
      }
      const signed = await deps.storage.signPut({
        key,
        contentType,
        maxSize: size,
        sha256,
        expiresInS: deps.urlTtlS,
      });
      return c.json(
        {
          imageId: sha256,
          upload: { url: signed.url, method: "PUT" as const, headers: signed.headers },
          expiresAt: signed.expiresAt.toISOString(),
        },
        200,
      );
    },
    (result) => {
      if (result.success) return;
      const { issues } = result.error;
      // A type that is not an image's is refused as such, not as a malformed request.
      // The validator hands a hook the body it refused as `data`.
      const sent = (result as { data?: { contentType?: unknown } | null }).data;
      if (typeof sent?.contentType === "string" && issues.every((issue) => issue.path[0] === "contentType")) {
        throw new ApiError("unsupported_media_type", "Only image/png, image/jpeg and image/webp are accepted.");
      }
      throw new ApiError("invalid_request", describeIssues(issues));
    },
  );
}
