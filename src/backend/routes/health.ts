import { createRoute } from "@hono/zod-openapi";
import { HealthResponse } from "../../shared/api.js";
import { jsonResponse, newRouter } from "./router.js";

export function healthRoutes(health: HealthResponse) {
  const route = createRoute({
    method: "get",
    path: "/health",
    summary: "Liveness and mode; no authentication",
    security: [],
    responses: { 200: jsonResponse("The backend is up", HealthResponse) },
  });
  return newRouter().openapi(route, (c) => c.json(health, 200));
}
