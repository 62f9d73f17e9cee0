// How results are linked to their sources in the document (plugin data is private to the plugin,
// and never holds a secret).
import type { ResultKind } from "../shared/messages.js";

export const DATA = {
  /** On a result: the source node's id. */
  sourceId: "depthframe.sourceId",
  /** On a result: "depth" or "animation". */
  kind: "depthframe.kind",
  /** On a result: JSON of the options it was made with. */
  options: "depthframe.options",
  /** On a result: the ISO time it was last placed. */
  madeAt: "depthframe.madeAt",
  /** On a result: the hash of the image it was placed with, to tell whether the designer changed it. */
  imageHash: "depthframe.imageHash",
  /** On a result: the backend's resultId, or for a local render the SHA-256 of its file. */
  resultId: "depthframe.resultId",
  /** On a result: who rendered it, "immersity" or "local". */
  engine: "depthframe.engine",
  /** On a result: the content type it was placed as ("video/webm", "image/gif"…). */
  contentType: "depthframe.contentType",
  /** On a result: the URL its file was downloaded from (signed, so it lapses). */
  resultUrl: "depthframe.resultUrl",
  /** On a source: the id of its result of a kind. */
  resultOf: (kind: ResultKind) => `depthframe.result.${kind}`,
} as const;

export const RESULT_SUFFIX: Record<ResultKind, string> = { depth: "Depth", animation: "3D" };

/** The source's name now, or the one a result ("<source> — <suffix>") was named after once it is gone. */
export function sourceNameOf(result: SceneNode, source: BaseNode | null, suffix: string): string {
  if (source) return source.name;
  const ending = ` — ${suffix}`;
  return result.name.endsWith(ending) ? result.name.slice(0, -ending.length) : result.name;
}

export const RELAUNCH = { regenerate: "Make this result again from its source" };

export const isResultNode = (node: BaseNode) => node.getPluginData(DATA.kind) !== "";
