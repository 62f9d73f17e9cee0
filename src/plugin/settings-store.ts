// Settings in figma.clientStorage (per user, per plugin), merged over the defaults when read.
import { mergeSettings, Settings } from "../shared/settings.js";

const KEY = "settings";

export async function loadSettings(): Promise<Settings> {
  return mergeSettings(await figma.clientStorage.getAsync(KEY));
}

export async function saveSettings(settings: Settings): Promise<void> {
  await figma.clientStorage.setAsync(KEY, Settings.parse(settings));
}
