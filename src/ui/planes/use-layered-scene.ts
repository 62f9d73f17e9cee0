// The 3D tab's layered scene of the frame shown in the Layers panel: what the live preview plays,
// the local export renders and Immersity's animation takes (src/ui/planes/layered-work.ts). A photo
// given relief has its relief fetched once (a paid disparity call, free when stored) and kept.
import { useEffect, useMemo, useState } from "preact/hooks";
import type { LayeredScene } from "../../render/index.js";
import type { Settings } from "../../shared/settings.js";
import type { BackendClient } from "../backend-client.js";
import { describeFailure } from "../error-text.js";
import type { Reliefs } from "./layer-depth-map.js";
import { layeredScene, reliefPlanes, type LayeredSource } from "./layered-work.js";
import type { LoadedPlanes } from "./load-planes.js";
import { photoRelief } from "./photo-relief.js";
import type { Layers } from "./use-layers.js";

export interface LayeredPreview {
  /** The frame as planes with the panel's depths and relief choices; null until its layers are shown. */
  source: LayeredSource | null;
  /** The scene to play: built again only when a relief arrives, not as depths change. */
  scene: LayeredScene | null;
  /** Reliefs still being fetched. */
  fetching: number;
  problem: string | null;
}

const reliefCache = new WeakMap<LoadedPlanes, Map<number, Uint16Array>>();

export function useLayeredScene(
  layers: Layers,
  client: BackendClient | null,
  settings: Pick<Settings, "disparity" | "backendUrl" | "itemTimeoutS">,
  fresh: boolean,
): LayeredPreview {
  const planes = layers.state.status === "ready" ? layers.state.planes : null;
  const [fetched, setFetched] = useState<{ planes: LoadedPlanes; reliefs: Map<number, Uint16Array> } | null>(null);
  const [fetching, setFetching] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const source = useMemo(
    () => (planes ? { planes, depths: layers.depths, relief: layers.relief } : null),
    [planes, layers.depths, layers.relief],
  );
  const wanted = source ? reliefPlanes(source).join(",") : "";

  useEffect(() => {
    if (!planes || !client) return;
    const cache = reliefCache.get(planes) ?? new Map<number, Uint16Array>();
    reliefCache.set(planes, cache);
    const missing = wanted ? wanted.split(",").map(Number) : [];
    const todo = missing.filter((index) => !cache.has(index));
    const show = () => setFetched({ planes, reliefs: new Map(cache) });
    setProblem(null);
    if (!todo.length) return show();
    const controller = new AbortController();
    setFetching(todo.length);
    const frame = { width: planes.width, height: planes.height };
    void (async () => {
      try {
        for (const index of todo) {
          const relief = await photoRelief(planes.planes[index]!, {
            client,
            frame,
            options: settings.disparity,
            fresh,
            signal: controller.signal,
          });
          cache.set(index, relief);
          setFetching((n) => n - 1);
        }
        show();
      } catch (error) {
        if (controller.signal.aborted) return;
        setProblem(`The photo's relief could not be made: ${describeFailure(error, settings)}`);
      } finally {
        setFetching(0);
      }
    })();
    return () => controller.abort();
  }, [planes, client, wanted]);

  const shown = fetched?.planes === planes ? fetched!.reliefs : null;
  // The reliefs wanted and at hand: the scene is built again only when these change.
  const ready = wanted ? wanted.split(",").filter((index) => shown?.has(Number(index))) : [];
  const readyKey = ready.join(",");
  const reliefs = useMemo<Reliefs>(
    () => new Map(ready.map((index) => [Number(index), { relief: shown!.get(Number(index))! }])),
    [planes, readyKey],
  );
  // Depths reach the preview through its setPlaneDepths; a scene of its own only for new planes or relief.
  const scene = useMemo(() => (source ? layeredScene(source, reliefs) : null), [planes, reliefs]);
  return { source, scene, fetching, problem };
}
