/** "About 30 credits" before a run; results already stored cost nothing, so this is an upper bound. */
export function creditEstimate(perImage: number | null, count: number, fresh: boolean): string | null {
  if (perImage === null || count === 0) return null;
  const total = perImage * count;
  return `Up to ${total} credit${total === 1 ? "" : "s"} (${perImage} per image${fresh ? "" : "; stored results are free"})`;
}
