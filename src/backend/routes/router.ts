// An OpenAPIHono whose validation failures become invalid_request problems.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import { Problem } from "../../shared/errors.js";
import type { BackendEnvironment } from "../app-env.js";
import { ApiError } from "../problem.js";
import { toClassic } from "./classic-schema.js";

export function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export function newRouter() {
  return new OpenAPIHono<BackendEnvironment>({
    defaultHook: (result) => {
      if (!result.success) throw new ApiError("invalid_request", describeIssues(result.error.issues));
    },
  });
}

export const jsonBody = <T extends z.core.$ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema: toClassic(schema) } } },
});

export const jsonResponse = <T extends z.core.$ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema: toClassic(schema) } },
});

/** The problem answers a route can give, for the OpenAPI document. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: "Problem", content: { "application/problem+json": { schema: toClassic(Problem) } } },
    ]),
  );
}
