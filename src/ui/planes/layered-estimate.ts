// What a layered scene costs before it is made: planes render locally for nothing; only photo
// planes given relief call Immersity's disparity (stored results are free), and an Immersity
// animation with the layer depth map is its one call.
import type { Prices } from "../../shared/immersity.js";
import type { PlaneInfo } from "../../shared/planes.js";

export function layeredCredits(prices: Prices, planes: readonly Pick<PlaneInfo, "photo">[], animationType?: string) {
  const depth = Object.values(prices.disparity)[0] ?? 0;
  const animation = animationType ? (prices.animation[animationType] ?? 0) : 0;
  const photos = planes.filter((plane) => plane.photo).length;
  return { relief: photos * depth, animation, total: photos * depth + animation, photos };
}

export function layeredEstimate(prices: Prices, planes: readonly Pick<PlaneInfo, "photo">[], animationType?: string) {
  const credits = layeredCredits(prices, planes, animationType);
  if (credits.total === 0) return "0 credits: the layers render here, no photo needs relief";
  const parts = [];
  if (credits.photos) parts.push(`relief for ${credits.photos} photo${credits.photos === 1 ? "" : "s"}`);
  if (credits.animation) parts.push("1 animation call with the layer depth map");
  return `Up to ${credits.total} credit${credits.total === 1 ? "" : "s"} (${parts.join(", ")}; stored results are free)`;
}
