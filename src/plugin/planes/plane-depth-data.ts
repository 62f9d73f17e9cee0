// A plane's depth, and whether a photo plane gets relief, stored in plugin data on its layer so it
// travels with the file.
export const PLANE_DEPTH_KEY = "depthframe.planeDepth";

export function storedPlaneDepth(node: SceneNode): number | null {
  const text = node.getPluginData(PLANE_DEPTH_KEY);
  const value = text === "" ? NaN : Number(text);
  return value >= 0 && value <= 1 ? value : null;
}

export function storePlaneDepth(node: SceneNode, depth: number | null): void {
  node.setPluginData(PLANE_DEPTH_KEY, depth === null ? "" : String(depth));
}

export const PLANE_RELIEF_KEY = "depthframe.planeRelief";

export const storedPlaneRelief = (node: SceneNode): boolean => node.getPluginData(PLANE_RELIEF_KEY) === "on";

export function storePlaneRelief(node: SceneNode, relief: boolean): void {
  node.setPluginData(PLANE_RELIEF_KEY, relief ? "on" : "");
}
