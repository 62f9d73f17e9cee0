import { describe, expect, it } from "vitest";
import { DEFAULT_RELIEF_RANGE, flattenLayerDepth } from "../../src/shared/layer-depth.js";

const full = (n: number, value = 255) => new Uint8Array(n).fill(value);

describe("flattenLayerDepth", () => {
  it("leaves uncovered pixels far and gives a covered pixel its plane's depth", () => {
    const alpha = new Uint8Array([255, 0, 255, 0]);
    expect([...flattenLayerDepth(2, 2, [{ alpha, depth: 0.5 }])]).toEqual([32768, 0, 32768, 0]);
  });

  it("lets the top layer win where it is opaque, and the layer below show where it is not", () => {
    const background = { alpha: full(3), depth: 0 };
    const card = { alpha: new Uint8Array([0, 255, 255]), depth: 0.5 };
    const button = { alpha: new Uint8Array([0, 0, 255]), depth: 1 };
    expect([...flattenLayerDepth(3, 1, [background, card, button])]).toEqual([0, 32768, 65535]);
  });

  it("blends partial coverage over what lies below", () => {
    const out = flattenLayerDepth(1, 1, [
      { alpha: full(1), depth: 0.2 },
      { alpha: new Uint8Array([128]), depth: 1 },
    ]);
    const a = 128 / 255;
    expect(out[0]).toBe(Math.round((0.2 * (1 - a) + a) * 65535));
  });

  it("spreads relief over the relief range, centred on the plane's depth", () => {
    const relief = new Uint16Array([0, 32768, 65535]);
    const out = flattenLayerDepth(3, 1, [{ alpha: full(3), depth: 0.5, relief, reliefRange: 0.2 }]);
    expect(out[0]).toBe(Math.round(0.4 * 65535));
    expect(Math.abs(out[1]! - 32768)).toBeLessThanOrEqual(1);
    expect(out[2]).toBe(Math.round(0.6 * 65535));
  });

  it("uses the default relief range when the layer gives none, and clamps at the ends", () => {
    const relief = new Uint16Array([65535, 0]);
    const near = flattenLayerDepth(2, 1, [{ alpha: full(2), depth: 1, relief }]);
    expect(near[0]).toBe(65535);
    expect(near[1]).toBe(Math.round((1 - DEFAULT_RELIEF_RANGE / 2) * 65535));
    const far = flattenLayerDepth(2, 1, [{ alpha: full(2), depth: 0, relief }]);
    expect(far[1]).toBe(0);
  });

  it("keeps 16-bit precision: depths closer than one 8-bit step stay apart", () => {
    const out = flattenLayerDepth(2, 1, [
      { alpha: new Uint8Array([255, 0]), depth: 0.5 },
      { alpha: new Uint8Array([0, 255]), depth: 0.5 + 1 / 1024 },
    ]);
    expect(out).toBeInstanceOf(Uint16Array);
    expect(out[1]! >> 8).toBe(out[0]! >> 8);
    expect(out[1]! - out[0]!).toBeGreaterThanOrEqual(63);
  });

  it("gives an all-far map for no layers", () => {
    expect([...flattenLayerDepth(2, 1, [])]).toEqual([0, 0]);
  });

  it("refuses layers that do not fit the map or the depth range", () => {
    expect(() => flattenLayerDepth(0, 1, [])).toThrow(RangeError);
    expect(() => flattenLayerDepth(2, 2, [{ alpha: full(3), depth: 0 }])).toThrow(/3 alpha values for 4/);
    expect(() => flattenLayerDepth(1, 1, [{ alpha: full(1), depth: 1.5 }])).toThrow(/depth 1.5/);
    expect(() => flattenLayerDepth(1, 1, [{ alpha: full(1), depth: Number.NaN }])).toThrow(/depth NaN/);
    expect(() => flattenLayerDepth(1, 1, [{ alpha: full(1), depth: 0, relief: new Uint16Array(2) }])).toThrow(
      /2 relief values/,
    );
    expect(() => flattenLayerDepth(1, 1, [{ alpha: full(1), depth: 0, reliefRange: 2 }])).toThrow(/relief range 2/);
  });
});
