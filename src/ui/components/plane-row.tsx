// One plane in the Layers panel: its thumbnail, its name, and a depth slider (far to near) that moves
// the preview as it is dragged and is stored when let go; a photo can also get relief, at its cost.
import { Checkbox, Text } from "@create-figma-plugin/ui";
import type { LoadedPlane } from "../planes/load-planes.js";
import { PlaneThumbnail } from "./plane-thumbnail.js";

export function PlaneRow(props: {
  plane: LoadedPlane;
  index: number;
  depth: number;
  relief: boolean;
  /** One photo's relief, as the estimate words it ("1 credit"); null when the prices are unknown. */
  reliefCost: string | null;
  onDepth: (depth: number | null, moving?: boolean) => void;
  onRelief: (relief: boolean) => void;
}) {
  const { plane, index, depth } = props;
  const id = `plane-depth-${index}`;
  const overridden = plane.info.storedDepth !== null;
  const value = (event: Event) => Number((event.target as HTMLInputElement).value) / 100;
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
        onInput={(event) => props.onDepth(value(event), true)}
        onChange={(event) => props.onDepth(value(event))}
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
      {plane.info.photo ? (
        <div class="plane__relief">
          <Checkbox value={props.relief} onValueChange={props.onRelief}>
            <Text>Relief from Immersity ({props.reliefCost ?? "paid"})</Text>
          </Checkbox>
        </div>
      ) : null}
    </li>
  );
}
