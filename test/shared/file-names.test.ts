// Layer names → file names: safe on Windows, macOS, Linux and in URLs, and never two alike.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_STEM_LENGTH, safeFileStem, uniqueFileStems } from "../../src/shared/file-names.js";
import { BundleFileName } from "../../src/shared/handoff-params.js";

const bundleFiles = (stem: string) => [`${stem}.png`, `${stem}-depth.png`, `${stem}.mp4`];
const WINDOWS_RESERVED = ["con", "prn", "aux", "nul", ...[..."0123456789"].flatMap((d) => [`com${d}`, `lpt${d}`])];

describe("safeFileStem", () => {
  it.each([
    ["Hero / Photo 1", "hero-photo-1"],
    ["  ../../etc/passwd ", "etc-passwd"],
    ["C:\\Users\\x", "c-users-x"],
    ["Café crème", "cafe-creme"],
    ["ﬁnal", "final"],
    ["写真", "layer"],
    ["🙂", "layer"],
    ["", "layer"],
    ["---", "layer"],
    ["CON", "con-layer"],
    ["lpt1", "lpt1-layer"],
    ["Aux.png", "aux-png"],
    ["trailing dot.", "trailing-dot"],
  ])("%j → %j", (name, stem) => {
    expect(safeFileStem(name)).toBe(stem);
  });

  it("cuts long names to the limit without a trailing hyphen", () => {
    const stem = safeFileStem(`${"a".repeat(MAX_STEM_LENGTH - 1)} b`);
    expect(stem).toBe("a".repeat(MAX_STEM_LENGTH - 1));
  });

  it("gives a portable, URL-safe, non-reserved stem for any name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (name) => {
        const stem = safeFileStem(name);
        expect(stem).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(stem.length).toBeLessThanOrEqual(MAX_STEM_LENGTH);
        expect(WINDOWS_RESERVED).not.toContain(stem);
        for (const file of bundleFiles(stem)) expect(BundleFileName.safeParse(file).success).toBe(true);
      }),
    );
  });
});

describe("uniqueFileStems", () => {
  it("numbers names that come out alike, in order", () => {
    expect(uniqueFileStems(["Hero", "hero", "HERO!", "Other"])).toEqual(["hero", "hero-2", "hero-3", "other"]);
  });

  it("skips a number another name already owns", () => {
    expect(uniqueFileStems(["hero-2", "hero", "hero"])).toEqual(["hero-2", "hero", "hero-3"]);
  });

  it("keeps a stem from owning another's file: 'hero' makes hero-depth.png, so 'Hero depth' moves", () => {
    const stems = uniqueFileStems(["Hero", "Hero depth"], bundleFiles);
    expect(stems).toEqual(["hero", "hero-depth-2"]);
  });

  it("leaves names already taken by the bundle alone", () => {
    expect(
      uniqueFileStems(["Index", "params"], (s) => [`${s}.html`, `${s}.json`], ["index.html", "params.json"]),
    ).toEqual(["index-2", "params-2"]);
  });

  it("keeps numbered stems within the length limit", () => {
    const long = "x".repeat(200);
    const stems = uniqueFileStems(Array.from({ length: 12 }, () => long));
    expect(stems[11]).toBe(`${"x".repeat(MAX_STEM_LENGTH - 3)}-12`);
    expect(Math.max(...stems.map((s) => s.length))).toBe(MAX_STEM_LENGTH);
  });

  it("never gives two names files in common", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("Hero", "hero depth", "hero-2", "CON", "写真", "", "a/b", "A B"), { maxLength: 30 }),
        (names) => {
          const stems = uniqueFileStems(names, bundleFiles);
          const files = stems.flatMap(bundleFiles);
          expect(new Set(files).size).toBe(files.length);
          for (const stem of stems) expect(stem.length).toBeLessThanOrEqual(MAX_STEM_LENGTH);
        },
      ),
    );
  });
});
