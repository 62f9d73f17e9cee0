// The Layers panel's state: a frame's planes loaded on request, their depths (defaults from the
// shared cues, overridden by what the designer set), and each change stored on the plane's layer.
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { defaultPlaneDepths } from "../../shared/plane-depth.js";
import type { Bridge } from "../bridge.js";
import { decodePng } from "./decode-png.js";
import { loadPlanes, type LoadedPlanes } from "./load-planes.js";
import { bridgePlaneSource } from "./plane-source.js";

export type LayersState =
  | { status: "idle" }
  | { status: "loading"; done: number; total: number }
  | { status: "ready"; planes: LoadedPlanes }
  | { status: "error"; message: string };

export interface Layers {
  state: LayersState;
  /** One depth per plane, bottom to top (empty until loaded). */
  depths: number[];
  load(): void;
  /** Stores a depth for plane `index`; null goes back to its default. */
  setDepth(index: number, depth: number | null): void;
}

export function useLayers(bridge: Bridge, frame: { nodeId: string } | null, targetSize: number): Layers {
  const [state, setState] = useState<LayersState>({ status: "idle" });
  const [stored, setStored] = useState<(number | null)[]>([]);
  // Another frame: its planes are not these.
  useEffect(() => setState({ status: "idle" }), [frame?.nodeId]);

  const load = useCallback(() => {
    if (!frame) return;
    setState({ status: "loading", done: 0, total: 0 });
    const progress = (done: number, total: number) => setState({ status: "loading", done, total });
    loadPlanes(bridgePlaneSource(bridge), { nodeId: frame.nodeId, targetSize, open: [] }, decodePng, progress)
      .then((planes) => {
        setStored(planes.planes.map((plane) => plane.info.storedDepth));
        setState({ status: "ready", planes });
      })
      .catch((error: unknown) => setState({ status: "error", message: (error as Error).message }));
  }, [bridge, frame?.nodeId, targetSize]);

  const depths = useMemo(() => {
    if (state.status !== "ready") return [];
    return defaultPlaneDepths(
      state.planes.planes.map((plane, i) => ({ ...plane.info, storedDepth: stored[i] ?? null })),
    );
  }, [state, stored]);

  const setDepth = useCallback(
    (index: number, depth: number | null) => {
      if (state.status !== "ready") return;
      const plane = state.planes.planes[index];
      if (!plane) return;
      setStored((now) => now.map((value, i) => (i === index ? depth : value)));
      bridge.request("setPlaneDepth", { nodeId: plane.info.key, depth }).catch((error: unknown) => {
        setState({ status: "error", message: `The depth could not be kept: ${(error as Error).message}` });
      });
    },
    [bridge, state],
  );

  return { state, depths, load, setDepth };
}
