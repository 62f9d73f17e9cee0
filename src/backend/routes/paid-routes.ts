// The routes that spend credits: a JSON request, one job, a ResultResponse.
import { createRoute } from "@hono/zod-openapi";
import type { z } from "zod";
import { AnimationRequest, DisparityRequest, ResultResponse } from "../../shared/api.js";
import { runAnimation } from "../jobs/animation.js";
import { runDisparity, type JobDeps } from "../jobs/disparity.js";
import { jsonBody, jsonResponse, newRouter, problems } from "./router.js";

function paidRoute<T extends z.core.$ZodType>(
  path: string,
  summary: string,
  request: T,
  answer: string,
  run: (deps: JobDeps, request: z.infer<T>, correlationId: string) => Promise<ResultResponse>,
) {
  return (deps: JobDeps) => {
    const route = createRoute({
      method: "post",
      path,
      summary,
      request: jsonBody(request),
      responses: {
        200: jsonResponse(answer, ResultResponse),
        ...problems(400, 401, 402, 404, 413, 415, 422, 429, 502, 504),
      },
    });
    return newRouter().openapi(route, async (c) =>
      c.json(await run(deps, c.req.valid("json" as never) as z.infer<T>, c.get("correlationId")), 200),
    );
  };
}

export const disparityRoutes = paidRoute(
  "/disparity",
  "Make (or reuse) the disparity map of an uploaded image",
  DisparityRequest,
  "A readable URL of the disparity map",
  runDisparity,
);

export const animationRoutes = paidRoute(
  "/animation",
  "Make (or reuse) a 3D parallax animation of an uploaded image, as MP4 or GIF",
  AnimationRequest,
  "A readable URL of the animation",
  runAnimation,
);
