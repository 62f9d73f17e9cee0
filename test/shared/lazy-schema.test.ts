// A schema defined with lazySchema is built the first time it is read, once, and then stands in for
// the schema it builds: parsing, composition into other schemas, instanceof.
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { lazySchema } from "../../src/shared/lazy-schema.js";

describe("lazySchema", () => {
  it("builds nothing until read, then builds once", () => {
    let builds = 0;
    const Size = lazySchema(() => {
      builds++;
      return z.object({ width: z.number().check(z.int(), z.positive()) });
    });
    expect(builds).toBe(0);
    expect(Size.safeParse({ width: 3 })).toEqual({ success: true, data: { width: 3 } });
    expect(Size.safeParse({ width: -1 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it("stands in for the schema inside other schemas and for instanceof", () => {
    const Kind = lazySchema(() => z.enum(["depth", "animation"]));
    const Item = lazySchema(() => z.object({ kind: Kind, name: z.string() }));
    const Wider = z.extend(Item, { id: z.number() });
    expect(Wider.parse({ kind: "depth", name: "Photo", id: 1 })).toEqual({ kind: "depth", name: "Photo", id: 1 });
    expect(Wider.safeParse({ kind: "video", name: "Photo", id: 1 }).success).toBe(false);
    expect(Item).toBeInstanceOf(z.ZodMiniObject);
    expect("_zod" in Item).toBe(true);
  });
});
