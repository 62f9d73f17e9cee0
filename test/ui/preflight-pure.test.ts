// The pure pieces behind the preflight, the confirm before large spends and Settings' fields.
import { describe, expect, it } from "vitest";
import { CONFIRM_ABOVE_MAX, DEFAULT_SETTINGS, mergeSettings, Settings } from "../../src/shared/settings.js";
import { regenerateConfirm } from "../../src/ui/components/confirms.js";
import { ESTIMATE_MISSING } from "../../src/ui/error-text.js";
import {
  draftOf,
  isDirty,
  savedFrom,
  SETTING_RANGES,
  settingsProblems,
  type NumberSetting,
} from "../../src/ui/settings-problems.js";
import { asksFirst, footerEstimate, needsBackend, spendFor, spendQuestion } from "../../src/ui/spend.js";

const prices = { disparity: { mono: 10 }, animation: { mp4: 10, gif: 7 } };
const item = (nodeId: string, depth: unknown = null) =>
  ({ nodeId, name: nodeId, width: 1, height: 1, thumbnail: null, depth }) as never;
const placed = { resultId: "a".repeat(64), options: { ...DEFAULT_SETTINGS.disparity } };
const six = ["1", "2", "3", "4", "5", "6"].map((id) => item(id));

describe("what a Generate spends, and when it asks first", () => {
  it("asks above the threshold and when the cost is unknown, never at or below it", () => {
    const spend = spendFor("depth", six, DEFAULT_SETTINGS, prices, false);
    expect(spend).toEqual({ estimate: "Up to 60 credits (10 per image; stored results are free)", credits: 60 });
    expect(asksFirst(spend, 50)).toBe(true);
    expect(asksFirst(spend, 60)).toBe(false);
    expect(asksFirst(spendFor("depth", six, DEFAULT_SETTINGS, null, false), 1000)).toBe(true);
    expect(spendQuestion("6 depth maps", spend, 50)).toEqual({
      text:
        "Generate 6 depth maps? Up to 60 credits (10 per image; stored results are free): more than 50, the " +
        "limit set in Settings for asking first.",
      action: "Spend up to 60 credits",
    });
    expect(spendQuestion("6 depth maps", { estimate: null, credits: null }, 50).text).toBe(
      "Generate 6 depth maps? The cost is not known: the backend's prices could not be read.",
    );
    expect(spendQuestion("6 depth maps", { estimate: null, credits: null }, 50, "checking").text).toBe(
      "Generate 6 depth maps? The cost is not known yet: the backend is being checked.",
    );
  });

  it("counts animations with their depth maps, and a local render from placed depth maps as free", () => {
    expect(spendFor("animation", six, DEFAULT_SETTINGS, prices, true).credits).toBe(120);
    const local = { ...DEFAULT_SETTINGS, animationEngine: "local" as const };
    const free = spendFor("animation", [item("1", placed)], local, null, false);
    expect(free.credits).toBe(0);
    expect(needsBackend(free)).toBe(false);
    expect(spendFor("animation", [item("1", placed), item("2")], local, prices, false).credits).toBe(10);
  });

  it("counts a frame shown as its layers by its relief and Immersity's one call", () => {
    const relief = [{ photo: true, relief: true }];
    expect(spendFor("animation", [item("1")], DEFAULT_SETTINGS, prices, false, relief).credits).toBe(20);
    const local = { ...DEFAULT_SETTINGS, animationEngine: "local" as const };
    const free = spendFor("animation", [item("1")], local, null, false, [{ photo: false, relief: false }]);
    expect(free.credits).toBe(0);
    expect(needsBackend(free)).toBe(false);
  });

  it("says in the footer why there is no estimate while the backend is unchecked or failed", () => {
    const unknown = spendFor("depth", six, DEFAULT_SETTINGS, null, false);
    expect(footerEstimate(unknown, { state: "checking" }, 6)).toBe(ESTIMATE_MISSING.checking);
    expect(footerEstimate(unknown, { state: "failed", error: new Error("x") }, 6)).toBe(ESTIMATE_MISSING.failed);
    expect(footerEstimate(unknown, { state: "checking" }, 0)).toBeNull();
    const local = { ...DEFAULT_SETTINGS, animationEngine: "local" as const };
    const free = spendFor("animation", [item("1", placed)], local, null, false);
    expect(footerEstimate(free, { state: "checking" }, 1)).toBe(
      "Free: rendered on this computer from the placed depth maps",
    );
  });
});

describe("a confirm without prices", () => {
  it("says whether the cost is still coming or could not be learnt", () => {
    const result = { name: "Photo — Depth", kind: "depth", options: DEFAULT_SETTINGS.disparity } as never;
    const answers = { onBack: () => {}, onConfirm: () => {} };
    expect(regenerateConfirm(null, "checking", [result], answers).text).toMatch(
      /The cost is not known yet: the backend is being checked\.$/,
    );
    expect(regenerateConfirm(null, "failed", [result], answers).text).toMatch(
      /The cost is not known: the backend's prices could not be read\.$/,
    );
    expect(regenerateConfirm(prices, "ok", [result], answers).action).toBe("Regenerate (10 credits)");
  });
});

describe("Settings' fields", () => {
  it("keeps 50 credits as the threshold by default, and a stored one that is valid", () => {
    expect(DEFAULT_SETTINGS.confirmAboveCredits).toBe(50);
    expect(mergeSettings({ confirmAboveCredits: 200 }).confirmAboveCredits).toBe(200);
    expect(mergeSettings({ confirmAboveCredits: -1 }).confirmAboveCredits).toBe(50);
  });

  it("has one sentence per refused field, and the ranges the schema has", () => {
    const draft = draftOf(DEFAULT_SETTINGS);
    expect(settingsProblems(draft)).toEqual({});
    for (const field of Object.keys(SETTING_RANGES) as NumberSetting[]) {
      const { min, max, problem } = SETTING_RANGES[field];
      for (const ok of [min, max]) expect(settingsProblems({ ...draft, [field]: ok })).toEqual({});
      for (const bad of [min - 1, max + 1, min + 0.5, null])
        expect(settingsProblems({ ...draft, [field]: bad })).toEqual({ [field]: problem });
      expect(Settings.shape[field].safeParse(max + 1).success).toBe(false);
    }
    expect(SETTING_RANGES.confirmAboveCredits.max).toBe(CONFIRM_ABOVE_MAX);
    expect(settingsProblems({ ...draft, backendUrl: "depth.example.com" }).backendUrl).toBe(
      "Enter a full URL, such as http://127.0.0.1:8787.",
    );
  });

  it("saves a valid draft over the rest of the settings, and knows when it says something new", () => {
    const stored = { ...DEFAULT_SETTINGS, animationEngine: "local" as const };
    const draft = { ...draftOf(stored), confirmAboveCredits: 200 };
    expect(isDirty(draftOf(stored), stored)).toBe(false);
    expect(isDirty(draft, stored)).toBe(true);
    expect(savedFrom(draft, stored)).toEqual({ ...stored, confirmAboveCredits: 200 });
    expect(savedFrom({ ...draft, concurrency: null }, stored)).toBeNull();
  });
});
