// The plugin window's size against the fake figma: a resize from the UI resizes the window and is
// kept in clientStorage, the next start restores it, and sizes out of bounds are refused.
import { afterEach, describe, expect, it, vi } from "vitest";
import { WINDOW_SIZE } from "../../src/shared/messages.js";
import { FakeClientStorage } from "../fake-figma/index.js";
import { startPlugin, type PluginSession } from "./plugin-session.js";

const sessions: PluginSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.close()));

async function open(clientStorage = new FakeClientStorage()) {
  const session = await startPlugin({ command: "depth", clientStorage });
  sessions.push(session);
  // Settings are read from clientStorage after the kept size: once ready answers, it is restored.
  expect((await session.request("ready", {})).ok).toBe(true);
  return session;
}

const size = (s: PluginSession) => ({ width: s.fake.ui.state?.width, height: s.fake.ui.state?.height });

describe("the plugin window's size", () => {
  it("opens at the initial size when none is kept", async () => {
    expect(size(await open())).toEqual(WINDOW_SIZE.initial);
  });

  it("resizes when the UI asks, keeps the size, and opens at it next time", async () => {
    const s = await open();
    expect((await s.request("resize", { width: 480, height: 720 })).ok).toBe(true);
    expect(size(s)).toEqual({ width: 480, height: 720 });
    expect(await s.fake.figma.clientStorage.getAsync("windowSize")).toEqual({ width: 480, height: 720 });
    s.close();
    sessions.length = 0;

    const again = await open(s.fake.clientStorage);
    expect(size(again)).toEqual({ width: 480, height: 720 });
  });

  it("refuses a size below the minimum or above the maximum, and leaves the window as it was", async () => {
    const s = await open();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const asked of [
      { width: WINDOW_SIZE.min.width - 1, height: 500 },
      { width: 400, height: WINDOW_SIZE.max.height + 1 },
      { width: 400.5, height: 500 },
    ]) {
      expect((await s.request("resize", asked)).ok).toBe(false);
    }
    warn.mockRestore();
    expect(size(s)).toEqual(WINDOW_SIZE.initial);
    expect(await s.fake.figma.clientStorage.getAsync("windowSize")).toBeUndefined();
  });

  it("opens at the initial size when what is kept is no longer valid", async () => {
    const storage = new FakeClientStorage();
    const s = await open(storage);
    await s.fake.figma.clientStorage.setAsync("windowSize", { width: 100, height: 5000 });
    s.close();
    sessions.length = 0;
    expect(size(await open(storage))).toEqual(WINDOW_SIZE.initial);
  });
});
