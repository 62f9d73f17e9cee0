// The built dist/code.js in a bare JavaScript realm, with only what Figma's sandbox gives it: the
// figma global, __html__, timers and console. No URL, TextEncoder, fetch or DOM, so a dependency
// that quietly needs one fails here rather than in Figma.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build.js";
import type { Answer } from "../../src/shared/messages.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { createFakeFigma, solidPaint } from "../fake-figma/index.js";

let code = "";
beforeAll(async () => {
  // A folder of its own: other suites build into dist/ at the same time.
  const outDir = await mkdtemp(path.join(tmpdir(), "depthframe-build-"));
  await build({ outDir });
  code = await readFile(path.join(outDir, "code.js"), "utf8");
  await rm(outDir, { recursive: true, force: true });
});

describe("dist/code.js in a realm with only Figma's globals", () => {
  it("starts, keeps a custom backend URL in settings, lists and exports the selection", async () => {
    const fake = createFakeFigma({ command: "settings" });
    const frame = fake.addFrame({ name: "Card", width: 300, height: 200, fills: [solidPaint(0.3, 0.6, 0.9)] });
    fake.figma.currentPage.selection = [frame as unknown as SceneNode];
    runInNewContext(code, { figma: fake.figma, __html__: "<html></html>", setTimeout, clearTimeout, console });
    expect(fake.ui.state).not.toBeNull();

    const answer = async (id: number) =>
      fake.ui.sent.find((m): m is Answer => (m as Answer).id === id && (m as Answer).type === "answer");
    const settings = { ...DEFAULT_SETTINGS, backendUrl: "https://depth.example.com/team" };
    await fake.deliverFromUi({ type: "saveSettings", id: 1, settings });
    expect(await answer(1)).toMatchObject({ ok: true });
    await fake.deliverFromUi({ type: "ready", id: 2 });
    expect(await answer(2)).toMatchObject({
      ok: true,
      value: { command: "settings", settings: { backendUrl: "https://depth.example.com/team" } },
    });

    await fake.deliverFromUi({ type: "export", id: 3, nodeId: frame.id, targetSize: 512 });
    expect(await answer(3)).toMatchObject({ ok: true, value: { width: 512, height: 341, contentType: "image/png" } });
    for (;;) {
      await fake.flush();
      if (fake.ui.sent.some((m) => (m as { type: string }).type === "selection")) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fake.ui.sent.find((m) => (m as { type: string }).type === "selection")).toMatchObject({
      items: [{ name: "Card" }],
    });
  });
});
