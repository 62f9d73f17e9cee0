// Default plane depths: order, the background, labels riding on their container, stored overrides.
import { describe, expect, it } from "vitest";
import { defaultPlaneDepths, LABEL_LIFT, type PlaneDepthCue } from "../../src/shared/plane-depth.js";

const box = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom });
const plane = (role: PlaneDepthCue["role"], bounds = box(0, 0, 100, 100), storedDepth: number | null = null) => ({
  role,
  bounds,
  storedDepth,
});

describe("defaultPlaneDepths", () => {
  it("spreads planes evenly from far at the bottom to near at the top", () => {
    expect(defaultPlaneDepths([plane("background"), plane("layer"), plane("layer")])).toEqual([0, 0.5, 1]);
    expect(defaultPlaneDepths([plane("layer"), plane("layer"), plane("layer"), plane("layer")])).toEqual([
      0,
      1 / 3,
      2 / 3,
      1,
    ]);
  });

  it("puts text and icons slightly in front of the plane they lie on, not a step of their own", () => {
    const depths = defaultPlaneDepths([
      plane("background"),
      plane("layer", box(10, 10, 60, 60)),
      plane("text", box(20, 20, 40, 30)),
      plane("layer", box(70, 10, 90, 90)),
      plane("icon", box(72, 12, 80, 20)),
    ]);
    expect(depths).toEqual([0, 0.5, 0.5 + LABEL_LIFT, 1, 1]);
  });

  it("gives text outside every plane below it a step like any layer", () => {
    expect(defaultPlaneDepths([plane("background", box(0, 0, 10, 10)), plane("text", box(20, 20, 30, 30))])).toEqual([
      0, 1,
    ]);
  });

  it("uses the depth the designer stored, and labels follow their container's", () => {
    const depths = defaultPlaneDepths([
      plane("background", box(0, 0, 100, 100), 0.2),
      plane("layer", box(10, 10, 60, 60), 0.4),
      plane("text", box(20, 20, 40, 30)),
      plane("layer", box(70, 10, 90, 90)),
    ]);
    expect(depths).toEqual([0.2, 0.4, 0.4 + LABEL_LIFT, 1]);
  });

  it("gives a lone plane the middle depth", () => {
    expect(defaultPlaneDepths([plane("layer")])).toEqual([0.5]);
  });
});
