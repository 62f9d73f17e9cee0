// exportAsync: pixel sizes for each constraint, real PNG content, setting checks and the memory limit.
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { createFakeFigma, exportPixelSize, samplePng, solidPaint } from "./index.js";

const RED = solidPaint(1, 0, 0);
const BLUE = solidPaint(0, 0, 1);

function pixel(png: Uint8Array, x: number, y: number): number[] {
  const image = decode(png);
  const at = (y * image.width + x) * image.channels;
  return [...image.data.slice(at, at + image.channels)];
}

describe("export pixel size", () => {
  it("scales both sides for SCALE and rounds to whole pixels", () => {
    expect(exportPixelSize({ width: 200, height: 100 })).toEqual({ width: 200, height: 100 });
    expect(exportPixelSize({ width: 200, height: 100 }, { type: "SCALE", value: 2 })).toEqual({
      width: 400,
      height: 200,
    });
    expect(exportPixelSize({ width: 101, height: 51 }, { type: "SCALE", value: 0.5 })).toEqual({
      width: 51,
      height: 26,
    });
  });

  it("fixes the width for WIDTH and the height for HEIGHT, keeping the aspect ratio", () => {
    expect(exportPixelSize({ width: 333, height: 200 }, { type: "WIDTH", value: 1000 })).toEqual({
      width: 1000,
      height: 601,
    });
    expect(exportPixelSize({ width: 333, height: 200 }, { type: "HEIGHT", value: 100 })).toEqual({
      width: 167,
      height: 100,
    });
  });

  it("never goes below one pixel", () => {
    expect(exportPixelSize({ width: 4000, height: 2 }, { type: "WIDTH", value: 100 })).toEqual({
      width: 100,
      height: 1,
    });
  });
});

describe("exportAsync", () => {
  it("returns a real PNG of the constrained size", async () => {
    const fake = createFakeFigma();
    const frame = fake.addFrame({ width: 300, height: 200, fills: [RED] });
    for (const [constraint, size] of [
      [undefined, [300, 200]],
      [{ type: "SCALE", value: 0.5 }, [150, 100]],
      [{ type: "WIDTH", value: 64 }, [64, 43]],
      [{ type: "HEIGHT", value: 50 }, [75, 50]],
    ] as const) {
      const png = decode(await frame.exportAsync({ format: "PNG", ...(constraint && { constraint }) }));
      expect([png.width, png.height]).toEqual(size);
    }
    expect(fake.exports.map((record) => [record.width, record.height])).toEqual([
      [300, 200],
      [150, 100],
      [64, 43],
      [75, 50],
    ]);
  });

  it("defaults to a PNG at 1x without settings", async () => {
    const fake = createFakeFigma();
    const rect = fake.addRectangle({ width: 10, height: 20 });
    const png = decode(await rect.exportAsync());
    expect([png.width, png.height]).toEqual([10, 20]);
  });

  it("paints fills, then children in order, clipped by the frame", async () => {
    const fake = createFakeFigma();
    const child = fake.addRectangle({ x: 50, y: 0, width: 100, height: 50, fills: [BLUE] });
    const frame = fake.addFrame({ x: 500, y: 500, width: 100, height: 100, fills: [RED], children: [child] });
    const png = await frame.exportAsync({ format: "PNG" });
    expect(decode(png).width).toBe(100);
    expect(pixel(png, 10, 10)).toEqual([255, 0, 0, 255]);
    expect(pixel(png, 60, 10)).toEqual([0, 0, 255, 255]);
    expect(pixel(png, 60, 60)).toEqual([255, 0, 0, 255]);
  });

  it("gives different frames different bytes", async () => {
    const fake = createFakeFigma();
    const a = fake.addFrame({ width: 40, height: 40, fills: [RED] });
    const b = fake.addFrame({ width: 40, height: 40, fills: [BLUE] });
    const c = fake.addFrame({
      width: 40,
      height: 40,
      fills: [RED],
      children: [fake.addRectangle({ width: 10, height: 10 })],
    });
    const [pa, pb, pc] = await Promise.all([a, b, c].map((frame) => frame.exportAsync()));
    expect(pa).not.toEqual(pb);
    expect(pa).not.toEqual(pc);
  });

  it("draws an image fill in the image's average colour", async () => {
    const fake = createFakeFigma();
    const blue = new Uint8Array(16 * 16 * 4).map((_, i) => (i % 4 === 2 || i % 4 === 3 ? 255 : 0));
    const { encode } = await import("fast-png");
    const layer = fake.addImageFrame(encode({ width: 16, height: 16, data: blue, channels: 4, depth: 8 }));
    expect(pixel(await layer.exportAsync(), 8, 8)).toEqual([0, 0, 255, 255]);
    const ramp = fake.addImageFrame(samplePng(32, 32, 1));
    expect(pixel(await ramp.exportAsync(), 0, 0)).not.toEqual([0, 0, 255, 255]);
  });

  it("leaves hidden layers and hidden paints out, and applies opacity", async () => {
    const fake = createFakeFigma();
    const hidden = fake.addRectangle({ width: 10, height: 10, fills: [BLUE], visible: false });
    const faint = fake.addRectangle({ x: 10, width: 10, height: 10, fills: [{ ...RED, visible: false }] });
    const frame = fake.addFrame({ width: 20, height: 10, fills: [], opacity: 0.5, children: [hidden, faint] });
    expect(pixel(await frame.exportAsync(), 5, 5)).toEqual([0, 0, 0, 0]);
    frame.fills = [RED];
    expect(pixel(await frame.exportAsync(), 15, 5)).toEqual([255, 0, 0, 128]);
  });

  it("includes overlapping layers only when contentsOnly is false", async () => {
    const fake = createFakeFigma();
    const below = fake.addFrame({ width: 100, height: 100, fills: [RED] });
    fake.addRectangle({ x: 0, y: 0, width: 100, height: 100, fills: [BLUE] });
    expect(pixel(await below.exportAsync({ format: "PNG" }), 50, 50)).toEqual([255, 0, 0, 255]);
    expect(pixel(await below.exportAsync({ format: "PNG", contentsOnly: false }), 50, 50)).toEqual([0, 0, 255, 255]);
  });

  it("accepts the colour profiles and refuses bad settings", async () => {
    const fake = createFakeFigma();
    const frame = fake.addFrame();
    for (const colorProfile of ["SRGB", "DOCUMENT", "DISPLAY_P3_V4"] as const)
      await expect(frame.exportAsync({ format: "PNG", colorProfile })).resolves.toBeInstanceOf(Uint8Array);
    await expect(frame.exportAsync({ format: "PNG", colorProfile: "CMYK" } as never)).rejects.toThrow(/colorProfile/);
    await expect(frame.exportAsync({ format: "BMP" } as never)).rejects.toThrow(/in exportAsync: .*format/);
    await expect(frame.exportAsync({ format: "JPG" })).rejects.toThrow(/fake-figma does not implement/);
    await expect(frame.exportAsync({ format: "PNG", constraint: { type: "SCALE", value: 0 } })).rejects.toThrow(
      /constraint.value/,
    );
    await expect(frame.exportAsync({ format: "PNG", constraint: { type: "AREA", value: 2 } } as never)).rejects.toThrow(
      /constraint.type/,
    );
    await expect(frame.exportAsync({ format: "PNG", scale: 2 } as never)).rejects.toThrow(
      /Unrecognized key\(s\) in object: 'scale'/,
    );
  });

  it("fails like Figma's renderer above the pixel limit", async () => {
    const fake = createFakeFigma({ maxExportPixels: 10_000 });
    const frame = fake.addFrame({ width: 200, height: 100 });
    await expect(frame.exportAsync({ format: "PNG" })).rejects.toThrow("memory access out of bounds");
    await expect(
      frame.exportAsync({ format: "PNG", constraint: { type: "WIDTH", value: 100 } }),
    ).resolves.toBeInstanceOf(Uint8Array);
  });

  it("needs loadAsync before exporting a page the plugin has not visited", async () => {
    const fake = createFakeFigma();
    const other = fake.addPage("Other");
    fake.addFrame({ parent: other, width: 30, height: 30 });
    await expect(other.exportAsync()).rejects.toThrow(/loadAsync/);
    await other.loadAsync();
    expect(decode(await other.exportAsync()).width).toBe(30);
  });
});
