// Settings → Diagnostics: what this computer can encode for local 3D renders, from the encoder probe.
import { Text } from "@create-figma-plugin/ui";
import { diagnosticsRows, localVideoOutput, PROBE, type EncoderProbe } from "../encoder-probe.js";

const PROBED = `${PROBE.width} × ${PROBE.height}, ${PROBE.fps} fps`;

export function Diagnostics({ probe }: { probe: EncoderProbe | null }) {
  return (
    <section class="diagnostics" aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading" class="section-title">
        Diagnostics
      </h2>
      {probe ? (
        <>
          <Text data-testid="local-output">
            Local MP4 renders here: {localVideoOutput(probe)} (probed at {PROBED}).
          </Text>
          <ul class="diagnostics__list" aria-label="Formats this computer can encode">
            {diagnosticsRows(probe).map((row) => (
              <li key={row.name}>
                {row.name}: {row.supported ? "yes" : "no"}
              </li>
            ))}
          </ul>
          {probe.failure ? <p class="message message--error">The encoder check failed: {probe.failure}.</p> : null}
        </>
      ) : (
        <p class="hint">Checking what this computer can encode…</p>
      )}
    </section>
  );
}
