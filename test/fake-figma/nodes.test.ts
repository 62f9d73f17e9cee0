// Scene nodes: property groups per kind, paints, plugin data, the tree, coordinates, removal, copies.
import { describe, expect, it } from "vitest";
import { createFakeFigma, PLUGIN_DATA_ENTRY_LIMIT, solidPaint } from "./index.js";

describe("node kinds", () => {
  it("have exactly the property groups of their Figma types", () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle();
    const group = fake.addGroup([fake.addRectangle()]);
    const section = fake.addSection();
    const frame = fake.addFrame();
    const has = (node: object) => ["fills", "strokes", "opacity", "effects", "children"].filter((key) => key in node);
    expect(has(rect)).toEqual(["fills", "strokes", "opacity", "effects"]);
    expect(has(frame)).toEqual(["fills", "strokes", "opacity", "effects", "children"]);
    expect(has(group)).toEqual(["opacity", "effects", "children"]);
    expect(has(section)).toEqual(["fills", "strokes", "children"]);
  });

  it("start with Figma's defaults: 100 x 100, a grey rectangle, a white frame", () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle();
    const frame = fake.addFrame();
    expect([rect.name, rect.width, rect.height]).toEqual(["Rectangle", 100, 100]);
    expect(rect.fills).toEqual([
      {
        type: "SOLID",
        color: { r: 217 / 255, g: 217 / 255, b: 217 / 255 },
        visible: true,
        opacity: 1,
        blendMode: "NORMAL",
      },
    ]);
    expect(frame.fills[0]).toMatchObject({ type: "SOLID", color: { r: 1, g: 1, b: 1 } });
    expect(frame.clipsContent).toBe(true);
  });
});

describe("fills", () => {
  it("are frozen arrays that can only be replaced wholesale", () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle({ fills: [solidPaint(1, 0, 0)] });
    const fills = rect.fills;
    expect(Object.isFrozen(fills) && Object.isFrozen(fills[0])).toBe(true);
    expect(() => (fills as Paint[]).push(solidPaint(0, 0, 1))).toThrow(TypeError);
    rect.fills = [...fills, { type: "IMAGE", imageHash: null, scaleMode: "FILL" }];
    expect(rect.fills).toHaveLength(2);
    expect(rect.fills[1]).toMatchObject({ type: "IMAGE", scaleMode: "FILL", visible: true, opacity: 1 });
  });

  it("refuse what Figma's setter refuses", () => {
    const rect = createFakeFigma().addRectangle();
    const set = (fills: unknown) => () => (rect.fills = fills as Paint[]);
    expect(set([{ type: "SOLID", color: { r: 1, g: 0, b: 0, a: 1 } }])).toThrow(
      "in set_fills: Unrecognized key(s) in object: 'a'",
    );
    expect(set([{ type: "SOLID", color: { r: 2, g: 0, b: 0 } }])).toThrow(/color.r/);
    expect(set([{ type: "SOLID", color: { r: 1, g: 0, b: 0 }, opacity: 1.5 }])).toThrow(/opacity/);
    expect(set([{ type: "IMAGE", imageHash: "abc", scaleMode: "STRETCH" }])).toThrow(/scaleMode/);
    expect(set([{ type: "PICTURE" }])).toThrow(/type/);
    expect(set(solidPaint(1, 0, 0))).toThrow(/array/);
  });

  it("check effects for their kind and visibility", () => {
    const rect = createFakeFigma().addRectangle();
    rect.effects = [{ type: "LAYER_BLUR", blurType: "NORMAL", radius: 4, visible: true }];
    expect(rect.effects).toHaveLength(1);
    expect(() => (rect.effects = [{ type: "GLOW", visible: true } as never])).toThrow(/type/);
  });
});

describe("plugin data", () => {
  it("stores strings per key, lists keys and removes a key set to the empty string", () => {
    const frame = createFakeFigma().addFrame();
    frame.setPluginData("source", "1:2");
    frame.setPluginData("options", '{"bits":16}');
    expect(frame.getPluginData("source")).toBe("1:2");
    expect(frame.getPluginData("missing")).toBe("");
    frame.setPluginData("source", "");
    expect(frame.getPluginDataKeys()).toEqual(["options"]);
  });

  it("limits an entry (plugin id, key and value) to 100 kB", () => {
    const fake = createFakeFigma({ pluginId: "id" });
    const frame = fake.addFrame();
    expect(() => frame.setPluginData("k", "x".repeat(PLUGIN_DATA_ENTRY_LIMIT - 3))).not.toThrow();
    expect(() => frame.setPluginData("k", "x".repeat(PLUGIN_DATA_ENTRY_LIMIT - 2))).toThrow(
      /in setPluginData: .*100 kB/,
    );
    expect(() => frame.setPluginData("k", "é".repeat(PLUGIN_DATA_ENTRY_LIMIT / 2))).toThrow(/100 kB/);
  });

  it("needs a plugin id, as Figma does", () => {
    const frame = createFakeFigma({ pluginId: "" }).addFrame();
    expect(() => frame.setPluginData("k", "v")).toThrow(/without an ID/);
  });

  it("replaces relaunch data as a whole and limits descriptions", () => {
    const frame = createFakeFigma().addFrame();
    frame.setRelaunchData({ regenerate: "Make the depth map again", open: "" });
    frame.setRelaunchData({ regenerate: "" });
    expect(frame.getRelaunchData()).toEqual({ regenerate: "" });
    expect(() => frame.setRelaunchData({ regenerate: "x".repeat(1001) })).toThrow(/1000 characters/);
  });
});

describe("tree and coordinates", () => {
  it("moves nodes between parents keeping x and y relative to the new container", () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle({ x: 10, y: 20, width: 30, height: 40 });
    const inner = fake.addFrame({ x: 5, y: 5, width: 200, height: 200 });
    const outer = fake.addFrame({ x: 1000, y: 2000, width: 500, height: 500, children: [inner] });
    inner.appendChild(rect);
    expect(rect.parent).toBe(inner);
    expect(rect.absoluteBoundingBox).toEqual({ x: 1015, y: 2025, width: 30, height: 40 });
    expect(outer.children).toEqual([inner]);
  });

  it("inserts at an index and refuses bad indexes and cycles", () => {
    const fake = createFakeFigma();
    const [a, b, c] = [fake.addRectangle(), fake.addRectangle(), fake.addRectangle()];
    const frame = fake.addFrame({ children: [a!, b!] });
    frame.insertChild(1, c!);
    expect(frame.children).toEqual([a, c, b]);
    expect(() => frame.insertChild(9, fake.addRectangle())).toThrow(/in insertChild: Index 9/);
    const outer = fake.addFrame({ children: [frame] });
    expect(() => frame.appendChild(outer)).toThrow(/in appendChild: .*inside itself/);
  });

  it("gives groups the box of their children, which share the group's container", () => {
    const fake = createFakeFigma();
    const a = fake.addRectangle({ x: 10, y: 10, width: 10, height: 10 });
    const b = fake.addRectangle({ x: 40, y: 30, width: 20, height: 20 });
    const frame = fake.addFrame({ x: 100, y: 100, width: 300, height: 300, children: [a, b] });
    const group = fake.addGroup([a, b], { parent: frame });
    expect([group.x, group.y, group.width, group.height]).toEqual([10, 10, 50, 40]);
    expect(a.absoluteBoundingBox).toMatchObject({ x: 110, y: 110 });
    group.x = 20;
    expect([a.x, b.x]).toEqual([20, 50]);
  });

  it("keeps nodes in place on the canvas when grouping them from another container", () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle({ x: 10, y: 10, width: 10, height: 10 });
    fake.addFrame({ x: 100, y: 100, children: [rect] });
    const group = fake.addGroup([rect]);
    expect(group.parent).toBe(fake.api.currentPage);
    expect(rect.absoluteBoundingBox).toMatchObject({ x: 110, y: 110 });
  });

  it("deletes a group when its last child leaves", () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle();
    const group = fake.addGroup([rect]);
    fake.api.currentPage.appendChild(rect);
    expect(group.removed).toBe(true);
  });

  it("refuses sizes below 0.01 and arguments of the wrong type, in Figma's words", () => {
    const rect = createFakeFigma().addRectangle();
    expect(() => rect.resize(0, 10)).toThrow(/in resize: Expected "width" to be a finite number in 0.01\.\./);
    rect.resize(0.01, 10);
    expect(rect.width).toBe(0.01);
    expect(() => (rect.opacity = "0.5" as never)).toThrow(
      'in set_opacity: Expected "opacity" to have type number but got string instead',
    );
    expect(() => (rect.opacity = 1.5)).toThrow(/in set_opacity: /);
  });
});

describe("removal", () => {
  it("removes the subtree; a removed node keeps id and removed but refuses everything else", () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle();
    const frame = fake.addFrame({ children: [rect] });
    frame.remove();
    expect([frame.removed, rect.removed]).toEqual([true, true]);
    expect(frame.id).toMatch(/^\d+:\d+$/);
    expect(() => frame.name).toThrow(`in get_name: The node with id "${frame.id}" does not exist`);
    expect(() => rect.fills).toThrow(/does not exist/);
    expect(fake.api.currentPage.children).toEqual([]);
  });
});

describe("copies", () => {
  it("clones a subtree onto the current page", () => {
    const fake = createFakeFigma();
    const child = fake.addRectangle({ x: 5, fills: [solidPaint(0, 1, 0)] });
    const frame = fake.addFrame({ name: "Card", parent: fake.addFrame(), width: 50, height: 60, children: [child] });
    const copy = frame.clone();
    expect(copy.parent).toBe(fake.api.currentPage);
    expect([copy.name, copy.width, copy.height, copy.type]).toEqual(["Card", 50, 60, "FRAME"]);
    const [copiedChild] = (copy as typeof frame).children;
    expect(copiedChild).not.toBe(child);
    expect(copiedChild).toMatchObject({ x: 5, fills: child.fills });
  });

  it("makes instances that look like their component and reach it only asynchronously", async () => {
    const fake = createFakeFigma();
    const component = fake.addComponent({ name: "Button", width: 120, height: 40, children: [fake.addText("OK")] });
    const instance = fake.addInstance(component, { x: 300 });
    expect([instance.name, instance.width, instance.height, instance.x]).toEqual(["Button", 120, 40, 300]);
    expect(instance.children.map((node) => node.type)).toEqual(["TEXT"]);
    expect(() => instance.mainComponent).toThrow(/getMainComponentAsync/);
    expect(await instance.getMainComponentAsync()).toBe(component);
  });

  it("refuses to add layers to an instance or move its layers out", () => {
    const fake = createFakeFigma();
    const component = fake.addComponent({ children: [fake.addRectangle()] });
    const instance = fake.addInstance(component);
    expect(() => instance.appendChild(fake.addRectangle())).toThrow(/in appendChild: .*instance/);
    expect(() => fake.api.currentPage.appendChild(instance.children[0]!)).toThrow(/out of an instance/);
  });
});
