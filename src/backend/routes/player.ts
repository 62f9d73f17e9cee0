// The <depth-frame> player (dist/player/depth-frame.js) for the plugin's "Export for developers" zip:
// served here so the plugin's UI, loaded as one HTML string, need not carry a copy of it.
import { createRoute, z } from "@hono/zod-openapi";
import { readFile } from "node:fs/promises";
import { ApiError } from "../problem.js";
import { newRouter, problems } from "./router.js";

export const PLAYER_PATH = "/player/depth-frame.js";

/** The built player, read once at start; null when it was never built (npm run build makes it). */
export function readBuiltPlayer(file: URL): Promise<string | null> {
  return readFile(file, "utf8").catch(() => null);
}

export function playerRoutes(player: string | null) {
  const route = createRoute({
    method: "get",
    path: PLAYER_PATH,
    summary: "The <depth-frame> web player, an ES module; no authentication",
    security: [],
    responses: {
      200: { description: "The player", content: { "text/javascript": { schema: z.string() } } },
      ...problems(404),
    },
  });
  return newRouter().openapi(route, (c) => {
    if (player === null) throw new ApiError("not_found", "This backend has no player built: run npm run build.");
    return c.body(player, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" });
  });
}
