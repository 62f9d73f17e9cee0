// The scene of a selected layer, read once per selection event: each event brings new item objects,
// so a depth map placed or changed since is read again, and hovering a row twice reads it once.
import { useEffect, useState } from "preact/hooks";
import type { SelectionItem } from "../../shared/messages.js";
import type { Bridge } from "../bridge.js";
import { decodeScene, SENTENCES, type LoadedScene } from "./load-scene.js";

/** The long side asked of an export; a layer's own image file comes at its own size. */
const PREVIEW_TARGET_SIZE = 1024;

const scenes = new WeakMap<SelectionItem, Promise<LoadedScene>>();

function sceneOf(bridge: Bridge, item: SelectionItem): Promise<LoadedScene> {
  let scene = scenes.get(item);
  if (!scene) {
    scene = item.depth
      ? bridge
          .request("scene", { nodeId: item.nodeId, targetSize: PREVIEW_TARGET_SIZE })
          .then(decodeScene, () => ({ status: "problem", sentence: SENTENCES.read }) as const)
      : Promise.resolve({ status: "no-depth" } as const);
    scenes.set(item, scene);
  }
  return scene;
}

export function useScene(bridge: Bridge, item: SelectionItem): LoadedScene | { status: "loading" } {
  const [loaded, setLoaded] = useState<{ item: SelectionItem; scene: LoadedScene } | null>(null);
  useEffect(() => {
    let current = true;
    void sceneOf(bridge, item).then((scene) => current && setLoaded({ item, scene }));
    return () => {
      current = false;
    };
  }, [bridge, item]);
  return loaded?.item === item ? loaded.scene : { status: "loading" };
}
