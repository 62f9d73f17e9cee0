// Who renders the 3D animation: Immersity's neural render for its credits, or this computer for free,
// with what the local render produces in this iframe (from the encoder probe).
import { RadioButtons, Text } from "@create-figma-plugin/ui";
import type { AnimationEngine } from "../../shared/settings.js";
import { localOutputText, type EncoderProbe } from "../encoder-probe.js";

export function EngineChoice(props: {
  engine: AnimationEngine;
  onEngine: (engine: AnimationEngine) => void;
  /** Immersity's credits for the selection; null when the prices are unknown. */
  credits: number | null;
  format: "mp4" | "gif";
  probe: EncoderProbe | null;
}) {
  const credits = props.credits === null ? "paid" : `${props.credits} credit${props.credits === 1 ? "" : "s"}`;
  return (
    <div class="engine-choice" role="radiogroup" aria-labelledby="engine-label">
      <Text id="engine-label">Rendered by</Text>
      <RadioButtons
        value={props.engine}
        options={[
          { value: "immersity", children: `Immersity (AI, ${credits})` },
          { value: "local", children: "This computer (free)" },
        ]}
        onValueChange={(value: string) => props.onEngine(value as AnimationEngine)}
      />
      {props.engine === "local" ? (
        <Text class="hint" data-testid="local-output">
          {localOutputText(props.probe, props.format)}
        </Text>
      ) : null}
    </div>
  );
}
