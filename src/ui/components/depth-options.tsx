// The Depth tab's options: bit depth, edge dilation, and whether to skip stored results.
import { Checkbox, SegmentedControl, Text, TextboxNumeric } from "@create-figma-plugin/ui";
import type { DisparityOptions } from "../../shared/api.js";
import { DILATION_RANGE, type Problems } from "../option-problems.js";
import { FieldProblem } from "./field-problem.js";

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
      <div class="row" role="group" aria-label="Bit depth">
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
      <label class="row" title="Widens near objects to avoid stretched edges: −0.01 to 0.01, default 0.0063">
        <Text>{DILATION_RANGE.label}</Text>
        <TextboxNumeric
          value={String(options.dilation)}
          minimum={DILATION_RANGE.min}
          maximum={DILATION_RANGE.max}
          incrementSmall={DILATION_RANGE.step}
          incrementBig={DILATION_RANGE.step * 2}
          aria-invalid={problems.dilation ? "true" : undefined}
          aria-describedby={problems.dilation ? "dilation-problem" : undefined}
          onNumericValueInput={(n: number | null) => n !== null && props.onOptions({ ...options, dilation: n })}
        />
      </label>
      <FieldProblem id="dilation-problem" problem={problems.dilation} />
      <Checkbox value={props.fresh} onValueChange={props.onFresh}>
        <Text>Make new results (skip the cache)</Text>
      </Checkbox>
    </>
  );
}
