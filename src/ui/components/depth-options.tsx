// The Depth tab's options: bit depth, edge dilation, and whether to skip stored results.
import { Checkbox, SegmentedControl, Text } from "@create-figma-plugin/ui";
import type { DisparityOptions } from "../../shared/api.js";
import { BIT_DEPTH_DESCRIPTION, DILATION_RANGE } from "../option-fields.js";
import type { Problems } from "../option-problems.js";
import { NumberOption, OptionHelp } from "./option-field.js";

export function DepthOptions(props: {
  options: Required<DisparityOptions>;
  onOptions: (options: Required<DisparityOptions>) => void;
  problems: Problems;
  fresh: boolean;
  onFresh: (fresh: boolean) => void;
}) {
  const { options, problems } = props;
  return (
    <>
      <div class="option">
        <div
          class="row"
          role="group"
          aria-label="Bit depth"
          aria-describedby="outputBitDepth-help"
          title="Immersity's outputBitDepth: the depth map's PNG has 256 or 65,536 levels"
        >
          <Text>Bit depth</Text>
          <SegmentedControl
            value={options.outputBitDepth}
            options={[
              { value: "uint8", children: "8-bit" },
              { value: "uint16", children: "16-bit" },
            ]}
            onValueChange={(v: string) => props.onOptions({ ...options, outputBitDepth: v as "uint8" | "uint16" })}
          />
        </div>
        <OptionHelp id="outputBitDepth">{BIT_DEPTH_DESCRIPTION}</OptionHelp>
      </div>
      <NumberOption
        id="dilation"
        range={DILATION_RANGE}
        value={options.dilation}
        problem={problems.dilation}
        onValue={(n) => n !== null && props.onOptions({ ...options, dilation: n })}
      />
      <Checkbox value={props.fresh} onValueChange={props.onFresh}>
        <Text>Make new results (skip the cache)</Text>
      </Checkbox>
    </>
  );
}
