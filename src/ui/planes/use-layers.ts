// The Layers panel's state: a frame's planes loaded on request, their depths (defaults from the
// shared cues, overridden by what the designer set) and which photos get relief, each change stored
// on the plane's layer. A slider being dragged moves its plane live before the depth is stored.
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import type { Rgba } from "../../shared/plane-compose.js";
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
  /** Per plane: a photo given relief (empty until loaded). */
  relief: boolean[];
  load(): void;
  /** A depth for plane `index`; null goes back to its default. Stored unless `moving` (a slider still dragged). */
  setDepth(index: number, depth: number | null, moving?: boolean): void;
  setRelief(index: number, relief: boolean): void;
}

/** `decode` reads a plane's PNG export: the browser's decoder unless given another. */
export function useLayers(
  bridge: Bridge,
  frame: { nodeId: string } | null,
  targetSize: number,
  decode: (png: Uint8Array) => Promise<Rgba> = decodePng,
): Layers {
  const [state, setState] = useState<LayersState>({ status: "idle" });
  const [stored, setStored] = useState<(number | null)[]>([]);
  const [live, setLive] = useState<{ index: number; depth: number } | null>(null);
  const [relief, setReliefs] = useState<boolean[]>([]);
  // Another frame: its planes are not these.
  useEffect(() => setState({ status: "idle" }), [frame?.nodeId]);

  const load = useCallback(() => {
    if (!frame) return;
    setState({ status: "loading", done: 0, total: 0 });
    const progress = (done: number, total: number) => setState({ status: "loading", done, total });
    loadPlanes(bridgePlaneSource(bridge), { nodeId: frame.nodeId, targetSize, open: [] }, decode, progress)
      .then((planes) => {
        setStored(planes.planes.map((plane) => plane.info.storedDepth));
        setReliefs(planes.planes.map((plane) => plane.info.relief));
        setLive(null);
        setState({ status: "ready", planes });
      })
      .catch((error: unknown) => setState({ status: "error", message: (error as Error).message }));
  }, [bridge, frame?.nodeId, targetSize, decode]);

  const depths = useMemo(() => {
    if (state.status !== "ready") return [];
    const cues = state.planes.planes.map((plane, i) => ({
      ...plane.info,
      storedDepth: live?.index === i ? live.depth : (stored[i] ?? null),
    }));
    return defaultPlaneDepths(cues);
  }, [state, stored, live]);

  const keep = useCallback(
    (request: Promise<unknown>) =>
      request.catch((error: unknown) => {
        setState({ status: "error", message: `The layer's setting could not be kept: ${(error as Error).message}` });
      }),
    [],
  );

  const setDepth = useCallback(
    (index: number, depth: number | null, moving = false) => {
      if (state.status !== "ready") return;
      const plane = state.planes.planes[index];
      if (!plane) return;
      if (moving && depth !== null) return setLive({ index, depth });
      setLive(null);
      setStored((now) => now.map((value, i) => (i === index ? depth : value)));
      void keep(bridge.request("setPlaneDepth", { nodeId: plane.info.key, depth }));
    },
    [bridge, state, keep],
  );

  const setRelief = useCallback(
    (index: number, on: boolean) => {
      if (state.status !== "ready") return;
      const plane = state.planes.planes[index];
      if (!plane?.info.photo) return;
      setReliefs((now) => now.map((value, i) => (i === index ? on : value)));
      void keep(bridge.request("setPlaneRelief", { nodeId: plane.info.key, relief: on }));
    },
    [bridge, state, keep],
  );

  return { state, depths, relief, load, setDepth, setRelief };
}
