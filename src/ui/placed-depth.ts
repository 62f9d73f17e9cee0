import type { DisparityOptions } from "../shared/api.js";
import type { PlacedDepth } from "../shared/messages.js";

/** The placed depth map's result id when it was made with these options, so an animation can build on it. */
export function reusableDepth(depth: PlacedDepth | null, wanted: Required<DisparityOptions>): string | null {
  if (!depth) return null;
  const same = (Object.keys(wanted) as Array<keyof DisparityOptions>).every(
    (key) => depth.options[key] === wanted[key],
  );
  return same ? depth.resultId : null;
}
