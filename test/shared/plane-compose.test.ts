// The copy path of composePlane (one export drawn normally at full opacity) against the general
// float compositing, which a second part that paints nothing forces: the same pixels, bit for bit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composePlane } from "../../src/shared/plane-compose.js";
import type { PlaneItem, PlanePart } from "../../src/shared/planes.js";

const W = 24;
const H = 16;

const partArb = fc.record({
  left: fc.integer({ min: -10, max: 30 }),
  top: fc.integer({ min: -10, max: 20 }),
  width: fc.integer({ min: 1, max: 20 }),
  height: fc.integer({ min: 1, max: 14 }),
  clip: fc.option(
    fc.record({
      left: fc.integer({ min: -5, max: 12 }),
      top: fc.integer({ min: -5, max: 8 }),
      right: fc.integer({ min: 10, max: 30 }),
      bottom: fc.integer({ min: 6, max: 20 }),
    }),
  ),
  seed: fc.integer({ min: 0, max: 1000 }),
});

/** An export whose pixels are all sorts: opaque, partly and fully transparent (with colour left in). */
function exported(width: number, height: number, seed: number) {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 97 + seed * 31) % 256;
  for (let p = 0; p < width * height; p++) if ((p + seed) % 5 === 0) data[p * 4 + 3] = 0;
  return { width, height, data };
}

describe("composePlane", () => {
  it("copies one normal, opaque-blended export exactly as the general compositing draws it", () => {
    fc.assert(
      fc.property(partArb, ({ seed, ...box }) => {
        const pixels = exported(box.width, box.height, seed);
        const part: PlanePart = { nodeId: "a", colour: null, opacity: 1, blendMode: "NORMAL", ...box };
        const nothing: PlanePart = { ...part, nodeId: null, colour: { r: 1, g: 0, b: 0, a: 0 }, clip: null };
        const items: PlaneItem[] = [{ kind: "part", part }];
        const copied = composePlane(W, H, items, () => pixels);
        const general = composePlane(W, H, [...items, { kind: "part", part: nothing }], () => pixels);
        expect(Array.from(copied.data)).toEqual(Array.from(general.data));
      }),
    );
  });
});
