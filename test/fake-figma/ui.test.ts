// figma.showUI and figma.ui: window options, and messages as structured clones in both directions.
import { describe, expect, it, vi } from "vitest";
import { createFakeFigma } from "./index.js";

describe("showUI", () => {
  it("records the options with Figma's defaults and minimum size", () => {
    const fake = createFakeFigma();
    fake.figma.showUI("<p>one</p>");
    expect(fake.ui.state).toMatchObject({
      html: "<p>one</p>",
      width: 300,
      height: 200,
      visible: true,
      themeColors: false,
    });
    fake.figma.showUI("<p>two</p>", { width: 40, height: 500, themeColors: true, visible: false });
    expect(fake.ui.state).toMatchObject({
      html: "<p>two</p>",
      width: 70,
      height: 500,
      visible: false,
      themeColors: true,
    });
    fake.figma.ui.resize(360, -5);
    fake.figma.ui.show();
    expect(fake.ui.state).toMatchObject({ width: 360, height: 0, visible: true });
  });

  it("refuses UI calls before showUI and after close", () => {
    const fake = createFakeFigma();
    expect(() => fake.figma.ui.postMessage({ type: "hello" })).toThrow(/No UI is open/);
    fake.figma.showUI("<p></p>");
    fake.figma.ui.close();
    expect(fake.ui.state).toBeNull();
    expect(() => fake.figma.ui.resize(100, 100)).toThrow(/No UI is open/);
  });
});

describe("plugin to UI", () => {
  it("sends structured clones: bytes survive, prototypes and later edits do not", () => {
    const forwarded: unknown[] = [];
    const fake = createFakeFigma({ onPostMessage: (message) => forwarded.push(message) });
    fake.figma.showUI("<p></p>");
    class Result {
      constructor(readonly bytes: Uint8Array) {}
    }
    const message = { type: "result", result: new Result(Uint8Array.of(9, 8, 7)) };
    fake.figma.ui.postMessage(message);
    message.result.bytes[0] = 0;
    const [sent] = fake.ui.sent as [{ result: { bytes: Uint8Array } }];
    expect(sent.result.bytes).toEqual(Uint8Array.of(9, 8, 7));
    expect(sent.result.bytes).toBeInstanceOf(Uint8Array);
    expect(sent.result).not.toBeInstanceOf(Result);
    expect(forwarded).toEqual([sent]);
  });

  it("throws for a message holding a function", () => {
    const fake = createFakeFigma();
    fake.figma.showUI("<p></p>");
    expect(() => fake.figma.ui.postMessage({ done: () => true })).toThrow(/could not be cloned/);
    expect(fake.ui.sent).toEqual([]);
  });
});

describe("UI to plugin", () => {
  it("reaches onmessage and on('message') later, as a clone, with the iframe's origin", async () => {
    const fake = createFakeFigma();
    fake.figma.showUI("<p></p>");
    const onmessage = vi.fn();
    const listener = vi.fn();
    fake.figma.ui.onmessage = onmessage;
    fake.figma.ui.on("message", listener);
    const message = { type: "generate", ids: ["1:2"] };
    const delivered = fake.deliverFromUi(message);
    message.ids.push("1:3");
    expect(onmessage).not.toHaveBeenCalled();
    await delivered;
    expect(onmessage).toHaveBeenCalledWith({ type: "generate", ids: ["1:2"] }, { origin: "null" });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("calls once() handlers once and stops calling removed ones", async () => {
    const fake = createFakeFigma();
    fake.figma.showUI("<p></p>");
    const once = vi.fn();
    const removed = vi.fn();
    fake.figma.ui.once("message", once);
    fake.figma.ui.on("message", removed);
    fake.figma.ui.off("message", removed);
    await fake.deliverFromUi("a");
    await fake.deliverFromUi("b");
    expect(once.mock.calls).toEqual([["a", { origin: "null" }]]);
    expect(removed).not.toHaveBeenCalled();
  });

  it("settles when async handlers finish and rejects when one fails", async () => {
    const fake = createFakeFigma();
    fake.figma.showUI("<p></p>");
    const steps: string[] = [];
    fake.figma.ui.onmessage = async (message: string) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (message === "bad") throw new Error("handler failed");
      steps.push(message);
    };
    await fake.deliverFromUi("ok");
    expect(steps).toEqual(["ok"]);
    await expect(fake.deliverFromUi("bad")).rejects.toThrow("handler failed");
  });

  it("throws at once for a message the iframe could not have posted", () => {
    const fake = createFakeFigma();
    fake.figma.showUI("<p></p>");
    expect(() => fake.deliverFromUi({ callback: () => 1 })).toThrow(/could not be cloned/);
  });
});
