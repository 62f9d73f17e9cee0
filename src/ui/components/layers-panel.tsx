// The Layers panel: a selected frame's planes, bottom to top, each with a depth slider, and for a
// photo a relief switch. Both are stored on the layers, so they travel with the file and are used
// next time.
import type { LayeredPreview } from "../planes/use-layered-scene.js";
import type { Layers } from "../planes/use-layers.js";
import { PlaneRow } from "./plane-row.js";

export function LayersPanel(props: {
  layers: Layers;
  frameName: string;
  /** One photo's relief, as the estimate words it; null when the prices are unknown. */
  reliefCost: string | null;
  layered?: Pick<LayeredPreview, "fetching" | "problem">;
}) {
  const { layers, frameName, layered } = props;
  const { state } = layers;
  return (
    <section class="layers" aria-labelledby="layers-title">
      <h2 id="layers-title" class="section-title">
        Layers
      </h2>
      {state.status === "ready" ? (
        <>
          {state.planes.notes.map((note) => (
            <p key={note} class="message">
              {note}
            </p>
          ))}
          {/* Listed top first, as Figma's layer list is. */}
          <ol class="planes" aria-label={`Planes of ${frameName}, nearest first`}>
            {state.planes.planes
              .map((plane, index) => ({ plane, index }))
              .reverse()
              .map(({ plane, index }) => (
                <PlaneRow
                  key={plane.info.key}
                  plane={plane}
                  index={index}
                  depth={layers.depths[index] ?? 0}
                  relief={layers.relief[index] ?? false}
                  reliefCost={props.reliefCost}
                  onDepth={(depth, moving) => layers.setDepth(index, depth, moving)}
                  onRelief={(relief) => layers.setRelief(index, relief)}
                />
              ))}
          </ol>
        </>
      ) : (
        <div class="row">
          <button type="button" class="link-button" disabled={state.status === "loading"} onClick={layers.load}>
            {state.status === "loading" ? `Exporting layers… ${state.done} of ${state.total || "?"}` : "Show layers"}
          </button>
        </div>
      )}
      {layered?.fetching ? (
        <p class="message" role="status">
          Making the relief of {layered.fetching} photo{layered.fetching === 1 ? "" : "s"}…
        </p>
      ) : null}
      {state.status === "error" ? <p class="message message--error">{state.message}</p> : null}
      {layered?.problem ? <p class="message message--error">{layered.problem}</p> : null}
    </section>
  );
}
