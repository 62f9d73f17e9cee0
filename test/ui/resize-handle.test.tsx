// @vitest-environment happy-dom
// The corner grip with the real sandbox on the fake figma: a drag resizes the plugin window by the
// pointer's travel, within the window's bounds, and the size is kept for the next start.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { WINDOW_SIZE } from "../../src/shared/messages.js";
import { draggedSize, ResizeHandle } from "../../src/ui/components/resize-handle.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";

let host: PluginHost | null = null;
afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

/** The iframe is the plugin window: its viewport is the size Figma gave it. */
function viewport(width: number, height: number) {
  (window as unknown as { happyDOM: { setViewport(size: object): void } }).happyDOM.setViewport({ width, height });
}

async function drag(from: [number, number], to: [number, number]) {
  const handle = screen.getByTestId("resize-handle");
  fireEvent.pointerDown(handle, { pointerId: 1, screenX: from[0], screenY: from[1] });
  fireEvent.pointerMove(handle, { pointerId: 1, screenX: to[0], screenY: to[1] });
  fireEvent.pointerUp(handle, { pointerId: 1, screenX: to[0], screenY: to[1] });
}

describe("the resize handle", () => {
  it("resizes the window by the drag and keeps the size in clientStorage", async () => {
    host = await hostPlugin({ command: "depth" }, () => undefined);
    viewport(WINDOW_SIZE.initial.width, WINDOW_SIZE.initial.height);
    render(<ResizeHandle bridge={host.bridge} />);
    await drag([500, 400], [620, 550]);
    const expected = { width: WINDOW_SIZE.initial.width + 120, height: WINDOW_SIZE.initial.height + 150 };
    await waitFor(() => expect(host!.fake.ui.state).toMatchObject(expected));
    expect(await host.fake.figma.clientStorage.getAsync("windowSize")).toEqual(expected);
  });

  it("stops at the window's minimum and maximum", async () => {
    host = await hostPlugin({ command: "depth" }, () => undefined);
    viewport(WINDOW_SIZE.initial.width, WINDOW_SIZE.initial.height);
    render(<ResizeHandle bridge={host.bridge} />);
    await drag([500, 400], [0, 0]);
    await waitFor(() => expect(host!.fake.ui.state).toMatchObject(WINDOW_SIZE.min));
    viewport(WINDOW_SIZE.min.width, WINDOW_SIZE.min.height);
    await drag([0, 0], [5000, 5000]);
    await waitFor(() => expect(host!.fake.ui.state).toMatchObject(WINDOW_SIZE.max));
  });

  it("rounds a drag by fractions of a pixel to whole pixels", () => {
    expect(draggedSize({ width: 360, height: 600 }, 10.4, -20.6)).toEqual({ width: 370, height: 579 });
  });
});
