// manifest.json against what Figma requires of it and what the code expects of it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CODEGEN_LANGUAGES } from "../../src/shared/handoff.js";
import { PluginCommand } from "../../src/shared/messages.js";

const manifest = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8"));

describe("manifest.json", () => {
  it("runs in Design Mode and in Dev Mode's Code section", () => {
    expect(manifest.editorType).toEqual(["figma", "dev"]);
    expect(manifest.capabilities).toEqual(["codegen"]);
    expect(manifest.codegenLanguages.map((l: { value: string }) => l.value)).toEqual([...CODEGEN_LANGUAGES]);
    for (const language of manifest.codegenLanguages) expect(language.label).toMatch(/\S/);
  });

  it("names the built files, dynamic page access, and only commands the sandbox knows", () => {
    expect(manifest).toMatchObject({
      api: "1.0.0",
      main: "dist/code.js",
      ui: "dist/ui.html",
      documentAccess: "dynamic-page",
    });
    const commands = [
      ...manifest.menu.filter((item: { command?: string }) => item.command),
      ...manifest.relaunchButtons,
    ].map((item: { command: string }) => item.command);
    for (const command of commands) expect(PluginCommand.safeParse(command).success).toBe(true);
  });

  it("allows any domain with a reason, since each team enters its own backend", () => {
    expect(manifest.networkAccess.allowedDomains).toEqual(["*"]);
    expect(manifest.networkAccess.reasoning.length).toBeGreaterThan(40);
  });
});
