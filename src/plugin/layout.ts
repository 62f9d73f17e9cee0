// Where a result goes: right of its source with a gap, pushed further right past any sibling it
// would overlap. Pure, on boxes in the parent's coordinates.
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const RESULT_GAP = 40;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export function besideWithoutOverlap(source: Box, siblings: readonly Box[], gap = RESULT_GAP): Box {
  const box = { x: source.x + source.width + gap, y: source.y, width: source.width, height: source.height };
  // Each move passes one blocker, always rightwards, so this ends after at most siblings.length moves.
  for (let moved = true; moved;) {
    moved = false;
    for (const sibling of siblings) {
      if (overlaps(box, sibling)) {
        box.x = sibling.x + sibling.width + gap;
        moved = true;
      }
    }
  }
  return box;
}
