// Assertions on the backend's answers, and waiting for something to become true over HTTP.
import { expect } from "vitest";
import { Problem } from "../../src/shared/errors.js";

/** The answer is an application/problem+json with this status and code; answers the problem. */
export async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = Problem.parse(await response.json());
  expect(problem.code).toBe(code);
  return problem;
}

/** Polls until `check` holds; the test's own timeout bounds the wait. */
export async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}
