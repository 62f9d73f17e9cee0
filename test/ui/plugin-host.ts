// Wires the real UI to the real sandbox code running against the fake figma, the way Figma does:
// figma.ui.postMessage(msg) arrives as event.data.pluginMessage, and the UI's
// parent.postMessage({pluginMessage}, "*") reaches figma.ui.onmessage.
import { vi } from "vitest";
import { createBridge, type Bridge } from "../../src/ui/bridge.js";
import { createFakeFigma, type FakeFigma, type FakeFigmaOptions } from "../fake-figma/index.js";
import { sandboxTimers } from "../fake-figma/sandbox-timers.js";

export interface PluginHost {
  fake: FakeFigma;
  bridge: Bridge;
  /** Lets the plugin's pending work (debounced selection, answers in flight) finish, then removes its globals. */
  close(): Promise<void>;
}

// Longer than the sandbox's selection debounce.
const SETTLE_MS = 300;

export async function hostPlugin(
  options: FakeFigmaOptions,
  build: (fake: FakeFigma) => Promise<void> | void,
): Promise<PluginHost> {
  const channel = new EventTarget() as unknown as Window;
  const fake = createFakeFigma({
    ...options,
    onPostMessage: (message) =>
      channel.dispatchEvent(new MessageEvent("message", { data: { pluginMessage: message } })),
  });
  await build(fake);
  const restore = fake.install();
  const cancelTimers = sandboxTimers();
  vi.resetModules();
  await import("../../src/plugin/main.js");
  const bridge = createBridge(channel, {
    postMessage: (data: { pluginMessage: unknown }) => void fake.deliverFromUi(data.pluginMessage),
  } as unknown as Window);
  return {
    fake,
    bridge,
    async close() {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      await fake.flush();
      cancelTimers();
      restore();
    },
  };
}
