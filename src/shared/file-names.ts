// Layer names as file names that work everywhere a bundle goes: Windows, macOS and Linux file
// systems, zip tools and URLs. Designers name layers "Hero / Photo", "CON", "写真" or the same thing
// twice; each must still get a file of its own.

/** Windows refuses these names whatever follows the dot ("con.png" too). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** Long enough to read, short enough for Windows' 260-character paths once unzipped somewhere deep. */
export const MAX_STEM_LENGTH = 64;

const trimHyphens = (stem: string) => stem.replace(/^-+|-+$/g, "");

/** A layer name as a lower-case ASCII stem: "Hero / Photo 1" → "hero-photo-1", "Café" → "cafe". */
export function safeFileStem(name: string): string {
  const stem = trimHyphens(
    trimHyphens(
      name
        // Accents come off ("é" → "e", "ﬁ" → "fi"); scripts without a Latin form drop out.
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-"),
    ).slice(0, MAX_STEM_LENGTH),
  );
  if (!stem) return "layer";
  return WINDOWS_RESERVED.test(stem) ? `${stem}-layer` : stem;
}

/**
 * One stem per name, in order, none of whose files (`filesOf(stem)`, such as "x.png" and
 * "x-depth.png") clashes with another's or with `taken`: "hero" and "hero-depth" cannot both own
 * "hero-depth.png". A clash gets "-2", "-3"… within the length limit.
 */
export function uniqueFileStems(
  names: readonly string[],
  filesOf: (stem: string) => readonly string[] = (stem) => [stem],
  taken: Iterable<string> = [],
): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    const base = safeFileStem(name);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? "" : `-${n}`;
      const stem = `${trimHyphens(base.slice(0, MAX_STEM_LENGTH - suffix.length))}${suffix}`;
      const files = filesOf(stem);
      if (files.some((file) => used.has(file))) continue;
      for (const file of files) used.add(file);
      return stem;
    }
  });
}
