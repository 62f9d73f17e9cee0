import { createRoute } from "@hono/zod-openapi";
import { Prices } from "../../shared/immersity.js";
import { cachedValue } from "../cached-value.js";
import type { ImmersityClient } from "../immersity/client.js";
import { jsonResponse, newRouter, problems } from "./router.js";

/** Immersity's price list, kept for ttlS. */
export function priceRoutes(immersity: ImmersityClient, ttlS: number) {
  const prices = cachedValue(async () => ({ value: await immersity.prices(), ttlMs: ttlS * 1000 }));

  const route = createRoute({
    method: "get",
    path: "/prices",
    summary: "Credits per call, from Immersity, cached for an hour",
    responses: { 200: jsonResponse("Credits per operation", Prices), ...problems(401, 502, 504) },
  });
  return newRouter().openapi(route, async (c) => c.json(await prices.get(), 200));
}
