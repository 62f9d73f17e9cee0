// A Depth tab row's small live preview, in place of its thumbnail while the row is hovered or has
// focus: the layer's placed depth map played with the 3D tab's options.
import type { ComponentChildren } from "preact";
import { useContext, useState } from "preact/hooks";
import type { SelectionItem } from "../../shared/messages.js";
import { PreviewCanvas } from "./preview-canvas.js";
import { PreviewContext } from "./preview-context.js";
import { useScene } from "./use-scene.js";

const ROOM = { width: 40, height: 40 };

/** Shows `fallback` (the thumbnail) until the preview plays, and instead of one that cannot: the 3D
 *  tab's preview says why. */
export function RowPreview({ item, fallback }: { item: SelectionItem; fallback: ComponentChildren }) {
  const services = useContext(PreviewContext);
  const loaded = useScene(services!.bridge, item);
  const [problem, setProblem] = useState<string | null>(null);
  if (loaded.status !== "ready") return <>{fallback}</>;
  return (
    <>
      {problem ? fallback : null}
      <PreviewCanvas
        scene={loaded.scene}
        size={loaded.size}
        options={services!.options}
        room={ROOM}
        label={`Live 3D preview of ${item.name}`}
        interactive={false}
        paused={matchMedia("(prefers-reduced-motion: reduce)").matches}
        onProblem={setProblem}
      />
    </>
  );
}
