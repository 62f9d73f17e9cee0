// An option's label beside its control, with the visible line under it that says what it does (and,
// for a number, what it takes); the control names that line and any problem as its description.
import { Text, TextboxNumeric } from "@create-figma-plugin/ui";
import type { ComponentChildren } from "preact";
import { placeholderOf, rangeText, type NumberRange } from "../option-fields.js";
import { FieldProblem } from "./field-problem.js";

/** The ids a control's aria-describedby lists: its help line, and its problem while there is one. */
export const describedBy = (id: string, problem: string | undefined): string =>
  problem ? `${id}-help ${id}-problem` : `${id}-help`;

/** The line under an option; `id` is the option's, the line's is `${id}-help`. */
export function OptionHelp({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p id={`${id}-help`} class="help">
      {children}
    </p>
  );
}

export function NumberOption(props: {
  id: string;
  range: NumberRange;
  value: number | undefined;
  problem: string | undefined;
  onValue: (n: number | null) => void;
}) {
  const { id, range, problem } = props;
  return (
    <div class="option">
      <label class="row" title={`Immersity's ${range.tooltip}`}>
        <Text>{range.label}</Text>
        <TextboxNumeric
          value={props.value === undefined ? "" : String(props.value)}
          placeholder={placeholderOf(range)}
          minimum={range.min}
          maximum={range.max}
          incrementSmall={range.step}
          incrementBig={range.step * 10}
          integer={range.integer ?? false}
          aria-invalid={problem ? "true" : undefined}
          aria-describedby={describedBy(id, problem)}
          onNumericValueInput={props.onValue}
        />
      </label>
      <OptionHelp id={id}>
        {range.description} <span class="help__range">{rangeText(range)}</span>
      </OptionHelp>
      <FieldProblem id={`${id}-problem`} problem={problem} />
    </div>
  );
}
