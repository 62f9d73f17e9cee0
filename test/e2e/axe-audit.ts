// axe-core run inside the plugin's iframe: the serious and critical violations, one line each.
import { readFile } from "node:fs/promises";
import type { Frame, Page } from "playwright-core";
import { root } from "./harness.js";

type Violation = { id: string; impact: string; nodes: Array<{ target: string[]; failureSummary: string }> };

const uiFrame = (page: Page): Frame => page.frames().find((f) => f !== page.mainFrame())!;

/** Loads axe into the plugin's frame once; the returned function audits the frame as it is now. */
export async function axeAudit(page: Page): Promise<() => Promise<string[]>> {
  await uiFrame(page).addScriptTag({ content: await readFile(`${root}node_modules/axe-core/axe.min.js`, "utf8") });
  return () =>
    uiFrame(page).evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
      const { violations } = await axe.run();
      return violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary}`).join(", ")}`);
    });
}
