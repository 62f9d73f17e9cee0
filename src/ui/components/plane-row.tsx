// One plane in the Layers panel: its thumbnail, its name, and a depth slider (far to near).
import type { LoadedPlane } from "../planes/load-planes.js";
import { PlaneThumbnail } from "./plane-thumbnail.js";

export function PlaneRow(props: {
  plane: LoadedPlane;
  index: number;
  depth: number;
  onDepth: (depth: number | null) => void;
}) {
  const { plane, index, depth } = props;
  const id = `plane-depth-${index}`;
  const overridden = plane.info.storedDepth !== null;
  return (
    <li class="plane" data-node-id={plane.info.key}>
      <PlaneThumbnail pixels={plane.pixels} />
      <label class="plane__name" for={id} title={plane.info.name}>
        {plane.info.name}
      </label>
      <input
        id={id}
        class="plane__slider"
        type="range"
        min={0}
        max={100}
        step={1}
        value={Math.round(depth * 100)}
        aria-valuetext={`${Math.round(depth * 100)} % near`}
        onChange={(event) => props.onDepth(Number((event.target as HTMLInputElement).value) / 100)}
      />
      {overridden ? (
        <button
          type="button"
          class="link-button"
          aria-label={`Default depth for ${plane.info.name}`}
          onClick={() => props.onDepth(null)}
        >
          Default
        </button>
      ) : null}
    </li>
  );
}
