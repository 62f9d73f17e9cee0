import { Checkbox, SegmentedControl, Text, TextboxNumeric } from "@create-figma-plugin/ui";
import type { DisparityOptions } from "../../shared/api.js";

export function DepthOptions(props: {
  options: Required<DisparityOptions>;
  onOptions: (options: Required<DisparityOptions>) => void;
  fresh: boolean;
  onFresh: (fresh: boolean) => void;
}) {
  const { options } = props;
  return (
    <>
      <div class="row">
        <Text>Depth</Text>
        <SegmentedControl
          value={options.outputBitDepth}
          options={[
            { value: "uint8", children: "8-bit" },
            { value: "uint16", children: "16-bit" },
          ]}
          onValueChange={(v: string) => props.onOptions({ ...options, outputBitDepth: v as "uint8" | "uint16" })}
        />
      </div>
      <label class="row" title="Widens near objects to avoid stretched edges: −0.01 to 0.01, default 0.0063">
        <Text>Edge dilation</Text>
        <TextboxNumeric
          variant="border"
          value={String(options.dilation)}
          minimum={-0.01}
          maximum={0.01}
          incrementSmall={0.0005}
          incrementBig={0.001}
          onNumericValueInput={(n: number | null) => n !== null && props.onOptions({ ...options, dilation: n })}
        />
      </label>
      <Checkbox value={props.fresh} onValueChange={props.onFresh}>
        <Text>Make new results (skip the cache)</Text>
      </Checkbox>
    </>
  );
}
