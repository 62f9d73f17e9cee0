// "Export for developers": one zip of the selected results with the player and a page that plays
// them, and one plain sentence beside the button for how it went.
import { Button } from "@create-figma-plugin/ui";
import { useState } from "preact/hooks";
import { buildHandoff, saveFile, type HandoffDeps, type HandoffItem } from "../export-for-developers.js";

/** `results`: the selected results and layer depth maps. */
export function HandoffButton(props: { results: HandoffItem[]; deps: HandoffDeps; disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  async function exportZip() {
    setBusy(true);
    setStatus("Making the zip…");
    try {
      const { zip, fileName } = await buildHandoff(props.results, props.deps);
      saveFile(zip, fileName);
      setStatus(`Saved ${fileName} (${Math.max(1, Math.round(zip.length / 1024))} KB).`);
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="row row--end handoff">
      <p class="item__meta" role="status">
        {status}
      </p>
      <Button secondary disabled={props.disabled || busy} onClick={() => void exportZip()}>
        Export for developers
      </Button>
    </div>
  );
}
