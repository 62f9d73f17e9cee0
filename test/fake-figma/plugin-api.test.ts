// The figma object: notify, selection and its events, node lookup, undo steps, pages, run and close.
import { describe, expect, it, vi } from "vitest";
import { CODEGEN_TIMEOUT_MS, createFakeFigma, FakeRectangle, NOTIFY_LIMIT } from "./index.js";

describe("notify", () => {
  it("shows at most 100 characters, as Figma truncates, and keeps what was asked", () => {
    const fake = createFakeFigma();
    fake.figma.notify("Placed 3 depth maps");
    fake.figma.notify("x".repeat(150), { error: true, timeout: 10_000 });
    fake.figma.notify("🙂".repeat(101));
    const [short, long, emoji] = fake.notifications;
    expect(short).toMatchObject({ message: "Placed 3 depth maps", truncated: false, error: false, timeout: 3000 });
    expect(long).toMatchObject({
      message: "x".repeat(NOTIFY_LIMIT),
      requested: "x".repeat(150),
      truncated: true,
      error: true,
      timeout: 10_000,
    });
    expect(emoji!.message).toBe("🙂".repeat(100));
  });

  it("returns a handler whose cancel is recorded", () => {
    const fake = createFakeFigma();
    fake.figma.notify("Generating…", { timeout: Infinity }).cancel();
    expect(fake.notifications[0]!.cancelled).toBe(true);
  });
});

describe("selection", () => {
  it("fires selectionchange after the change, once for a burst of changes", async () => {
    const fake = createFakeFigma();
    const [a, b] = [fake.addFrame(), fake.addFrame()];
    const changed = vi.fn();
    fake.figma.on("selectionchange", changed);
    fake.api.currentPage.selection = [a!];
    fake.api.currentPage.selection = [a!, b!];
    expect(changed).not.toHaveBeenCalled();
    await fake.flush();
    expect(changed).toHaveBeenCalledTimes(1);
    fake.api.currentPage.selection = [b!, a!];
    await fake.flush();
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it("de-duplicates, keeps only directly selected nodes and returns a new frozen array", () => {
    const fake = createFakeFigma();
    const child = fake.addRectangle();
    const frame = fake.addFrame({ children: [child] });
    fake.api.currentPage.selection = [child, frame, frame];
    const selection = fake.api.currentPage.selection;
    expect(selection).toEqual([frame]);
    expect(Object.isFrozen(selection)).toBe(true);
    expect(fake.api.currentPage.selection).not.toBe(selection);
  });

  it("refuses nodes from another page", () => {
    const fake = createFakeFigma();
    const elsewhere = fake.addFrame({ parent: fake.addPage("Other") });
    expect(() => (fake.api.currentPage.selection = [elsewhere])).toThrow(/in set_selection: .*not on page/);
  });

  it("drops removed nodes and says so", async () => {
    const fake = createFakeFigma();
    const frame = fake.addFrame();
    fake.api.currentPage.selection = [frame];
    await fake.flush();
    const changed = vi.fn();
    fake.figma.on("selectionchange", changed);
    frame.remove();
    expect(fake.api.currentPage.selection).toEqual([]);
    await fake.flush();
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it("reports a failing handler on flush", async () => {
    const fake = createFakeFigma();
    fake.figma.on("selectionchange", () => {
      throw new Error("handler broke");
    });
    fake.api.currentPage.selection = [fake.addFrame()];
    await expect(fake.flush()).rejects.toThrow("handler broke");
  });
});

describe("node lookup", () => {
  it("finds nodes by id asynchronously, and null for unknown or removed ones", async () => {
    const fake = createFakeFigma();
    const frame = fake.addFrame();
    expect(await fake.figma.getNodeByIdAsync(frame.id)).toBe(frame);
    expect(await fake.figma.getNodeByIdAsync(fake.api.currentPage.id)).toBe(fake.api.currentPage);
    expect(await fake.figma.getNodeByIdAsync("99:99")).toBeNull();
    frame.remove();
    expect(await fake.figma.getNodeByIdAsync(frame.id)).toBeNull();
  });

  it("refuses the synchronous getNodeById under dynamic-page access, as Figma does", () => {
    const frame = (fake: ReturnType<typeof createFakeFigma>) => fake.addFrame().id;
    const dynamic = createFakeFigma();
    expect(() => dynamic.figma.getNodeById(frame(dynamic))).toThrow(
      /^in getNodeById: Cannot call with documentAccess: dynamic-page/,
    );
    const full = createFakeFigma({ documentAccess: "full" });
    const id = frame(full);
    expect(full.figma.getNodeById(id)?.id).toBe(id);
  });
});

describe("commitUndo", () => {
  it("records each step with the node count and the layers the plugin created since the last one", () => {
    const fake = createFakeFigma();
    fake.addFrame({ children: [fake.addRectangle()] });
    const first = fake.figma.createRectangle();
    fake.figma.commitUndo();
    const second = fake.figma.createRectangle();
    const discarded = fake.figma.createRectangle();
    discarded.remove();
    fake.figma.commitUndo();
    fake.figma.commitUndo();
    expect(fake.undoSteps).toEqual([
      { nodeCount: 3, createdNodeIds: [first.id] },
      { nodeCount: 4, createdNodeIds: [second.id] },
      { nodeCount: 4, createdNodeIds: [] },
    ]);
  });
});

describe("pages", () => {
  it("starts on the first page; others need loadAsync before their children can be read", async () => {
    const fake = createFakeFigma({ pages: ["Design", "Archive"] });
    const [design, archive] = fake.api.root.children;
    expect(fake.api.currentPage).toBe(design);
    expect(() => archive!.children).toThrow(/loadAsync/);
    await archive!.loadAsync();
    expect(archive!.children).toEqual([]);
  });

  it("switches pages only through setCurrentPageAsync under dynamic-page access", async () => {
    const fake = createFakeFigma({ pages: ["Design", "Archive"] });
    const archive = fake.api.root.children[1]!;
    const changed = vi.fn();
    fake.figma.on("currentpagechange", changed);
    expect(() => (fake.api.currentPage = archive)).toThrow(/setCurrentPageAsync/);
    await fake.api.setCurrentPageAsync(archive);
    expect(fake.api.currentPage).toBe(archive);
    expect(archive.children).toEqual([]);
    await fake.flush();
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it("puts new layers on the current page at (0, 0)", () => {
    const fake = createFakeFigma();
    const rect = fake.figma.createRectangle() as unknown as FakeRectangle;
    expect(rect.parent).toBe(fake.api.currentPage);
    expect([rect.x, rect.y, rect.width, rect.height]).toEqual([0, 0, 100, 100]);
  });
});

describe("run, close and other globals", () => {
  it("passes the command to run handlers and runs close handlers on closePlugin", async () => {
    const fake = createFakeFigma({ command: "generate-depth" });
    expect(fake.figma.command).toBe("generate-depth");
    const run = vi.fn();
    const close = vi.fn();
    fake.figma.on("run", run);
    fake.figma.once("close", close);
    await fake.fireRun();
    expect(run).toHaveBeenCalledWith({ command: "generate-depth" });
    fake.figma.showUI("<p></p>");
    fake.figma.closePlugin("Done");
    fake.figma.closePlugin();
    await fake.flush();
    expect(close).toHaveBeenCalledTimes(1);
    expect(fake.closed).toEqual({ message: "Done" });
    expect(fake.ui.state).toBeNull();
  });

  it("refuses events the fake does not implement rather than never firing them", () => {
    const fake = createFakeFigma();
    expect(() => fake.figma.on("documentchange", () => {})).toThrow(/fake-figma does not implement/);
  });

  it("records what was scrolled into view and centres on it", () => {
    const fake = createFakeFigma();
    const frame = fake.addFrame({ x: 1000, y: 200, width: 400, height: 100 });
    fake.api.viewport.scrollAndZoomIntoView([frame]);
    expect(fake.viewport.scrolledIntoView).toEqual([[frame.id]]);
    expect(fake.figma.viewport.center).toEqual({ x: 1200, y: 250 });
  });

  it("installs figma and __html__ as globals and puts back what was there", () => {
    const fake = createFakeFigma({ html: "<main></main>" });
    const globals = globalThis as { figma?: unknown; __html__?: unknown };
    const restore = fake.install();
    expect(globals.figma).toBe(fake.figma);
    expect(globals.__html__).toBe("<main></main>");
    restore();
    expect("figma" in globals).toBe(false);
  });

  it("has a unique figma.mixed symbol", () => {
    expect(typeof createFakeFigma().figma.mixed).toBe("symbol");
  });
});

describe("figma.codegen", () => {
  it("calls the generate callback with the node and language, and refuses showUI inside it", async () => {
    const fake = createFakeFigma({ mode: "codegen" });
    const node = fake.addRectangle({ name: "R" });
    expect(fake.figma.mode).toBe("codegen");
    expect(fake.figma.editorType).toBe("dev");
    const seen: string[] = [];
    fake.figma.codegen.on("generate", (event) => {
      seen.push(`${event.node.name}:${event.language}`);
      expect(() => fake.figma.showUI("<p>")).toThrow(/not allowed within the codegen/);
      return [{ title: "T", language: "PLAINTEXT", code: "x" }];
    });
    const answer = await fake.api.codegen.generate(node as unknown as SceneNode, "html");
    expect(answer).toEqual([{ title: "T", language: "PLAINTEXT", code: "x" }]);
    expect(seen).toEqual(["R:html"]);
    expect(() => fake.figma.showUI("<p>")).not.toThrow();
  });

  it("fails as Figma does when no callback answers within 15 seconds", async () => {
    vi.useFakeTimers();
    try {
      const fake = createFakeFigma({ mode: "codegen" });
      const node = fake.addRectangle();
      fake.figma.codegen.on("generate", () => new Promise<CodegenResult[]>(() => {}));
      const pending = fake.api.codegen.generate(node as unknown as SceneNode, "json");
      const settled = expect(pending).rejects.toThrow("code generation timed out after 15 seconds");
      await vi.advanceTimersByTimeAsync(CODEGEN_TIMEOUT_MS);
      await settled;
    } finally {
      vi.useRealTimers();
    }
  });
});
