// @vitest-environment happy-dom
// The corner grip with the real sandbox on the fake figma: a drag, or the arrow keys, resize the plugin
// window within its bounds, and the size is kept for the next start.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { WINDOW_SIZE } from "../../src/shared/messages.js";
import { draggedSize, RESIZE_STEP, ResizeHandle, steppedSize } from "../../src/ui/components/resize-handle.js";
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

  it("is a labelled button that says the window's size and how the keys resize it", async () => {
    host = await hostPlugin({ command: "depth" }, () => undefined);
    viewport(WINDOW_SIZE.initial.width, WINDOW_SIZE.initial.height);
    render(<ResizeHandle bridge={host.bridge} />);
    const handle = screen.getByRole("button", { name: "Resize window" });
    const help = () => document.getElementById(handle.getAttribute("aria-describedby")!)!.textContent;
    expect(help()).toBe("Now 360 by 600 pixels. Arrow keys move this corner by 10 pixels, with Shift by 50.");
    // The window reports a size it was given some other way.
    viewport(420, 640);
    await waitFor(() => expect(help()).toMatch(/^Now 420 by 640 pixels\./));
  });

  it("resizes by steps from the keyboard, bigger with Shift, announces the size and keeps it", async () => {
    host = await hostPlugin({ command: "depth" }, () => undefined);
    viewport(WINDOW_SIZE.initial.width, WINDOW_SIZE.initial.height);
    render(<ResizeHandle bridge={host.bridge} />);
    const handle = screen.getByRole("button", { name: "Resize window" });
    handle.focus();
    expect(document.activeElement).toBe(handle);
    // The steps add up before the window has reported the first one.
    fireEvent.keyDown(handle, { key: "ArrowRight" });
    fireEvent.keyDown(handle, { key: "ArrowDown", shiftKey: true });
    const expected = { width: 360 + RESIZE_STEP.small, height: 600 + RESIZE_STEP.big };
    await waitFor(() => expect(host!.fake.ui.state).toMatchObject(expected));
    expect(await host.fake.figma.clientStorage.getAsync("windowSize")).toEqual(expected);
    expect(screen.getByText("370 by 650 pixels").getAttribute("aria-live")).toBe("polite");
    // The window reports the first step late: the next steps still build on the last one asked for.
    viewport(370, 600);
    fireEvent.keyDown(handle, { key: "ArrowLeft", shiftKey: true });
    fireEvent.keyDown(handle, { key: "ArrowUp" });
    await waitFor(() => expect(host!.fake.ui.state).toMatchObject({ width: 320, height: 640 }));
  });

  it("stops the keyboard's steps at the minimum and maximum, and leaves other keys alone", async () => {
    host = await hostPlugin({ command: "depth" }, () => undefined);
    viewport(WINDOW_SIZE.min.width + 5, WINDOW_SIZE.min.height + 5);
    render(<ResizeHandle bridge={host.bridge} />);
    const handle = screen.getByRole("button", { name: "Resize window" });
    fireEvent.keyDown(handle, { key: "ArrowLeft" });
    fireEvent.keyDown(handle, { key: "ArrowUp", shiftKey: true });
    await waitFor(() => expect(host!.fake.ui.state).toMatchObject(WINDOW_SIZE.min));
    viewport(WINDOW_SIZE.max.width - 20, WINDOW_SIZE.max.height - 20);
    await waitFor(() => expect(screen.getByText(/^Now 780 by 980/)).toBeTruthy());
    fireEvent.keyDown(handle, { key: "ArrowRight", shiftKey: true });
    fireEvent.keyDown(handle, { key: "ArrowDown", shiftKey: true });
    await waitFor(() => expect(host!.fake.ui.state).toMatchObject(WINDOW_SIZE.max));
    expect(await host.fake.figma.clientStorage.getAsync("windowSize")).toEqual(WINDOW_SIZE.max);
    fireEvent.keyDown(handle, { key: "ArrowDown" });
    expect(screen.getByText("800 by 1000 pixels, as far as it goes")).toBeTruthy();
    const enter = fireEvent.keyDown(handle, { key: "Enter" });
    expect(enter).toBe(true);
    for (const key of ["a", "toString", "Home"]) expect(steppedSize(WINDOW_SIZE.initial, key, false)).toBeNull();
  });

  it("rounds a drag by fractions of a pixel to whole pixels", () => {
    expect(draggedSize({ width: 360, height: 600 }, 10.4, -20.6)).toEqual({ width: 370, height: 579 });
  });
});
