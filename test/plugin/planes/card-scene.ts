// A card UI frame for the plane tests: nested frames and groups, a clipped frame, masks, a hidden
// layer, a rotated layer, a drop shadow, opacity, a blend mode, and content past the frame's edge.
import { solidPaint, type FakeFigma, type FakeFrame } from "../../fake-figma/index.js";

const shadow: DropShadowEffect = {
  type: "DROP_SHADOW",
  color: { r: 0, g: 0, b: 0, a: 0.5 },
  offset: { x: 4, y: 6 },
  radius: 4,
  visible: true,
  blendMode: "NORMAL",
};

export function buildCard(fake: FakeFigma, x = 100, y = 40): FakeFrame {
  const card = fake.addFrame({ name: "Card", x, y, width: 240, height: 160, fills: [solidPaint(0.95, 0.95, 0.9)] });
  const parent = card;
  fake.addRectangle({
    parent,
    name: "Backdrop",
    x: 0,
    y: 0,
    width: 240,
    height: 160,
    fills: [solidPaint(0.2, 0.3, 0.6)],
  });
  // A clipped panel whose child runs past its edge, with a group inside.
  const panel = fake.addFrame({
    parent,
    name: "Panel",
    x: 16,
    y: 16,
    width: 120,
    height: 80,
    fills: [solidPaint(1, 1, 1)],
  });
  fake.addRectangle({
    parent: panel,
    name: "Overflow",
    x: 90,
    y: 10,
    width: 60,
    height: 20,
    fills: [solidPaint(0.9, 0.2, 0.2)],
  });
  const dot = fake.addRectangle({
    parent: panel,
    name: "Dot",
    x: 8,
    y: 40,
    width: 12,
    height: 12,
    fills: [solidPaint(0, 0.6, 0.3)],
  });
  const label = fake.addText("Price", { parent: panel, x: 26, y: 36 });
  fake.addGroup([dot, label], { parent: panel, name: "Row" });
  // A mask in a group: the group is one plane, cut by the mask.
  const mask = fake.addRectangle({
    parent,
    name: "Mask",
    x: 150,
    y: 20,
    width: 40,
    height: 40,
    isMask: true,
    fills: [solidPaint(0, 0, 0)],
  });
  const photo = fake.addRectangle({
    parent,
    name: "Photo",
    x: 140,
    y: 10,
    width: 70,
    height: 70,
    fills: [solidPaint(0.8, 0.6, 0.1)],
  });
  fake.addGroup([mask, photo], { parent, name: "Avatar" });
  fake.addRectangle({
    parent,
    name: "Hidden",
    x: 0,
    y: 0,
    width: 240,
    height: 160,
    visible: false,
    fills: [solidPaint(1, 0, 1)],
  });
  // A quarter turn: 60 × 20 at (200, 140) turns up into 20 × 60 from (200, 80).
  fake.addRectangle({
    parent,
    name: "Tag",
    x: 200,
    y: 140,
    width: 60,
    height: 20,
    rotation: 90,
    fills: [solidPaint(0.5, 0.1, 0.7)],
  });
  fake.addRectangle({
    parent,
    name: "Button",
    x: 24,
    y: 110,
    width: 96,
    height: 32,
    effects: [shadow],
    fills: [solidPaint(0.1, 0.5, 0.9)],
  });
  fake.addText("Buy", { parent, name: "Button label", x: 56, y: 116, fills: [solidPaint(1, 1, 1)] });
  fake.addRectangle({
    parent,
    name: "Veil",
    x: 130,
    y: 100,
    width: 60,
    height: 40,
    opacity: 0.5,
    fills: [solidPaint(0, 0, 0)],
  });
  // Past the frame's right edge, which clips it.
  fake.addRectangle({ parent, name: "Ribbon", x: 210, y: 8, width: 60, height: 14, fills: [solidPaint(1, 0.8, 0)] });
  return card;
}

/** A layer in the multiply blend mode, which cannot be kept apart from what is below it. */
export function addMultiply(fake: FakeFigma, card: FakeFrame): void {
  fake.addRectangle({
    parent: card,
    name: "Tint",
    x: 60,
    y: 60,
    width: 100,
    height: 60,
    blendMode: "MULTIPLY",
    fills: [solidPaint(1, 0.5, 0.5)],
  });
}

/** A mask straight in the frame: it cuts every layer above it. */
export function addDirectMask(fake: FakeFigma, card: FakeFrame): void {
  fake.addRectangle({
    parent: card,
    name: "Window",
    x: 150,
    y: 90,
    width: 60,
    height: 50,
    isMask: true,
    maskType: "ALPHA",
  });
  fake.addRectangle({
    parent: card,
    name: "Through",
    x: 120,
    y: 80,
    width: 120,
    height: 80,
    fills: [solidPaint(0.3, 0.9, 0.9)],
  });
}
