// The plugin window's size, as the designer last dragged it, in figma.clientStorage.
import { WINDOW_SIZE, WindowSize } from "../shared/messages.js";

const KEY = "windowSize";

/** Resizes the open window to the size kept, if one is kept and still valid. */
export async function restoreWindowSize(): Promise<void> {
  const kept = WindowSize.safeParse(await figma.clientStorage.getAsync(KEY));
  if (!kept.success) return;
  const { width, height } = kept.data;
  if (width !== WINDOW_SIZE.initial.width || height !== WINDOW_SIZE.initial.height) figma.ui.resize(width, height);
}

export async function resizeWindow(size: WindowSize): Promise<void> {
  figma.ui.resize(size.width, size.height);
  await figma.clientStorage.setAsync(KEY, { width: size.width, height: size.height });
}
