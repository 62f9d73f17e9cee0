// Selected Depthframe results, shown as results: what each is, what it was made with and when.
// Each row is a button that selects and zooms to it, with "Select source" beside; one Regenerate
// makes them all again (confirmed in the footer).
import { Button } from "@create-figma-plugin/ui";
import type { ResultItem } from "../../shared/messages.js";
import { stateLabel, type ItemState } from "../item-state.js";
import { madeAtText, resultSummary } from "../regenerate.js";
import { SelectButton } from "./select-button.js";

export function ResultsSection(props: {
  results: ResultItem[];
  /** Keyed by the source's id: a result is made again from its source. */
  states: Record<string, ItemState>;
  running: boolean;
  onRegenerate: () => void;
  /** Selects and zooms to the result itself. */
  onSelect: (result: ResultItem) => void;
  onSelectSource: (result: ResultItem) => void;
}) {
  const { results } = props;
  const only = results.length === 1 ? results[0] : undefined;
  return (
    <section class="results" aria-labelledby="results-title">
      <h2 id="results-title" class="section-title">
        Selected results
      </h2>
      <ul class="items" aria-label="Selected results">
        {results.map((result) => {
          const state = props.states[result.sourceId];
          const status = state?.status ?? "idle";
          return (
            <li key={result.nodeId} class={`item item--${status}`} data-node-id={result.nodeId} data-status={status}>
              <div class="item__text">
                <SelectButton
                  name={result.name}
                  describedBy={`summary-${result.nodeId} made-${result.nodeId}`}
                  onClick={() => props.onSelect(result)}
                />
                <div class="item__meta" id={`summary-${result.nodeId}`}>
                  {resultSummary(result)}
                </div>
                <div class="item__meta" id={`made-${result.nodeId}`}>
                  {state && status !== "idle" ? stateLabel(state) : madeAtText(result.madeAt)}
                </div>
              </div>
              <button
                type="button"
                class="link-button"
                aria-label={`Select source of ${result.name}`}
                onClick={() => props.onSelectSource(result)}
              >
                Select source
              </button>
            </li>
          );
        })}
      </ul>
      <div class="row row--end">
        <Button
          secondary
          disabled={props.running}
          onClick={props.onRegenerate}
          aria-label={only ? `Regenerate ${only.name}` : undefined}
        >
          {only ? "Regenerate" : `Regenerate ${results.length} results`}
        </Button>
      </div>
    </section>
  );
}
