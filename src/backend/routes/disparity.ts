import { createRoute } from "@hono/zod-openapi";
import { DisparityRequest, ResultResponse } from "../../shared/api.js";
import { runDisparity, type JobDeps } from "../jobs/disparity.js";
import { jsonBody, jsonResponse, newRouter, problems } from "./router.js";

export function disparityRoutes(deps: JobDeps) {
  const route = createRoute({
    method: "post",
    path: "/disparity",
    summary: "Make (or reuse) the disparity map of an uploaded image",
    request: jsonBody(DisparityRequest),
    responses: {
      200: jsonResponse("A readable URL of the disparity map", ResultResponse),
      ...problems(400, 401, 402, 404, 413, 415, 422, 429, 502, 504),
    },
  });
  return newRouter().openapi(route, async (c) => c.json(await runDisparity(deps, c.req.valid("json"), c.get("correlationId")), 200));
}
