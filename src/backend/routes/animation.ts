import { createRoute } from "@hono/zod-openapi";
import { AnimationRequest, ResultResponse } from "../../shared/api.js";
import { runAnimation } from "../jobs/animation.js";
import type { JobDeps } from "../jobs/disparity.js";
import { jsonBody, jsonResponse, newRouter, problems } from "./router.js";

export function animationRoutes(deps: JobDeps) {
  const route = createRoute({
    method: "post",
    path: "/animation",
    summary: "Make (or reuse) a 3D parallax animation of an uploaded image, as MP4 or GIF",
    request: jsonBody(AnimationRequest),
    responses: {
      200: jsonResponse("A readable URL of the animation", ResultResponse),
      ...problems(400, 401, 402, 404, 413, 415, 422, 429, 502, 504),
    },
  });
  return newRouter().openapi(route, async (c) => c.json(await runAnimation(deps, c.req.valid("json"), c.get("correlationId")), 200));
}
