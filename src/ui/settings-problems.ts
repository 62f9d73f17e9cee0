// What Settings edits before they are saved, and one sentence per field the schema would refuse,
// shown beside that field. Pure, so every field is tested.
import { CONFIRM_ABOVE_MAX, FIGMA_MAX_IMAGE_SIDE, Settings } from "../shared/settings.js";

export type NumberSetting = "targetSize" | "concurrency" | "confirmAboveCredits";

/** The Settings tab's fields as typed; an emptied number field is null until it is filled again. */
export type SettingsDraft = Pick<Settings, "backendUrl" | "apiKey"> & Record<NumberSetting, number | null>;

export interface SettingRange {
  label: string;
  min: number;
  max: number;
  step: number;
  /** Said beside the field when the schema refuses its value. */
  problem: string;
}

/** The ranges as the schema in src/shared/settings.ts has them, with the fields' labels. */
export const SETTING_RANGES: Record<NumberSetting, SettingRange> = {
  targetSize: {
    label: "Export size (px, long side)",
    min: 64,
    max: FIGMA_MAX_IMAGE_SIDE,
    step: 1,
    problem: `Export size must be a whole number of pixels from 64 to ${FIGMA_MAX_IMAGE_SIDE}.`,
  },
  concurrency: {
    label: "Parallel jobs",
    min: 1,
    max: 8,
    step: 1,
    problem: "Parallel jobs must be a whole number from 1 to 8.",
  },
  confirmAboveCredits: {
    label: "Ask before spending more than (credits)",
    min: 0,
    max: CONFIRM_ABOVE_MAX,
    step: 10,
    problem: `Enter a whole number of credits from 0 to ${CONFIRM_ABOVE_MAX}; 0 asks before every paid run.`,
  },
};

export type SettingsProblems = Partial<Record<keyof SettingsDraft, string>>;

export const draftOf = (s: Settings): SettingsDraft => ({
  backendUrl: s.backendUrl,
  apiKey: s.apiKey,
  targetSize: s.targetSize,
  concurrency: s.concurrency,
  confirmAboveCredits: s.confirmAboveCredits,
});

export function settingsProblems(draft: SettingsDraft): SettingsProblems {
  const problems: SettingsProblems = {};
  if (!Settings.shape.backendUrl.safeParse(draft.backendUrl).success)
    problems.backendUrl = "Enter a full URL, such as http://127.0.0.1:8787.";
  if (!Settings.shape.apiKey.safeParse(draft.apiKey).success)
    problems.apiKey = "The key can be at most 500 characters long.";
  for (const field of Object.keys(SETTING_RANGES) as NumberSetting[]) {
    if (!Settings.shape[field].safeParse(draft[field]).success) problems[field] = SETTING_RANGES[field].problem;
  }
  return problems;
}

/** The settings a valid draft saves, over the rest of what is stored; null while a field is refused. */
export function savedFrom(draft: SettingsDraft, settings: Settings): Settings | null {
  const next = Settings.safeParse({ ...settings, ...draft });
  return next.success ? next.data : null;
}

type Connection = Pick<Settings, "backendUrl" | "apiKey">;
export const sameConnection = (a: Connection, b: Connection) => a.backendUrl === b.backendUrl && a.apiKey === b.apiKey;

/** Whether the draft says anything the stored settings do not. */
export const isDirty = (draft: SettingsDraft, settings: Settings) =>
  (Object.keys(draft) as Array<keyof SettingsDraft>).some((key) => draft[key] !== settings[key]);
