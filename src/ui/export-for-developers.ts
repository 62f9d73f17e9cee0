// Export for developers, the UI's part: asks the sandbox for each selected result's files, one per
// request; fetches from the backend what the document cannot give (an MP4, by the link it was placed
// from, and the built player); zips them and hands the zip to the browser as a download.
import { safeFileStem } from "../shared/file-names.js";
import type { HandoffAnswer, HandoffPart, ResultItem } from "../shared/messages.js";
import type { Rgba } from "../shared/plane-compose.js";
import type { BackendClient } from "./backend-client.js";
import type { Bridge } from "./bridge.js";
import { handoffPlanes } from "./handoff-planes.js";
import type { HandedOff } from "./handoff-zip.js";
import { loadHandoffZip } from "./on-demand.js";

/** A selected result, or a layer depth map (LayeredItem), by the fields the export needs. */
export type HandoffItem = Pick<ResultItem, "nodeId" | "name" | "sourceId" | "sourceName">;

export interface HandoffDeps {
  bridge: Pick<Bridge, "request">;
  client: Pick<BackendClient, "baseUrl" | "download">;
  /** How a layer's PNG is read into pixels; the browser's decoder unless told. */
  decode?: (png: Uint8Array) => Promise<Rgba>;
}

export const PLAYER_URL_PATH = "/v1/player/depth-frame.js";

/** The backend serves the built player, so the UI (one HTML string) carries no copy of it. */
export async function fetchPlayer(baseUrl: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(baseUrl + PLAYER_URL_PATH);
  } catch {
    throw new Error(`The backend at ${baseUrl} cannot be reached for the player (depth-frame.js).`);
  }
  if (!response.ok) {
    throw new Error(
      `The backend at ${baseUrl} has no player for the zip (${response.status}): run npm run build there.`,
    );
  }
  return response.text();
}

async function animationBytes(answer: HandoffAnswer, client: HandoffDeps["client"], name: string) {
  if ("bytes" in answer.file) return answer.file.bytes;
  try {
    return await client.download(answer.file.url, () => {});
  } catch {
    throw new Error(
      `The video of “${name}” could not be downloaded again (its link lapses): regenerate it, then export.`,
    );
  }
}

function bytesOf(answer: HandoffAnswer): Uint8Array {
  if (!("bytes" in answer.file)) throw new Error("The plugin sent a link where it should have sent an image.");
  return answer.file.bytes;
}

async function handOff(result: HandoffItem, deps: HandoffDeps): Promise<HandedOff> {
  const ask = (part: HandoffPart) => deps.bridge.request("handoff", { nodeId: result.nodeId, part });
  const source = await ask("source");
  const { result: handoff } = source;
  const depth = handoff.hasDepthMap ? bytesOf(await ask("depth")) : null;
  const animation = handoff.kind === "animation" ? await ask("animation") : null;
  const planes =
    handoff.planes?.length && depth
      ? await handoffPlanes(deps.bridge, result.sourceId, handoff, depth, deps.decode)
      : null;
  return {
    sourceId: result.sourceId,
    result: handoff,
    source: bytesOf(source),
    depth,
    animation: animation ? await animationBytes(animation, deps.client, result.name) : null,
    ...(planes && { planes }),
  };
}

/** The zip and the name to save it as. One result at a time: each holds full-size images. */
export async function buildHandoff(
  results: readonly HandoffItem[],
  deps: HandoffDeps,
): Promise<{ zip: Uint8Array; fileName: string }> {
  const player = await fetchPlayer(deps.client.baseUrl);
  const items: HandedOff[] = [];
  for (const result of results) items.push(await handOff(result, deps));
  const only = results.length === 1 ? results[0] : undefined;
  const fileName = `${only ? safeFileStem(only.sourceName) : "depthframe"}-handoff.zip`;
  const { handoffZip } = await loadHandoffZip();
  return { zip: handoffZip(items, player), fileName };
}

/** A download from the plugin's iframe: an anchor on a blob URL works in an origin-null frame. */
export function saveFile(bytes: Uint8Array, fileName: string, type = "application/zip"): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const anchor = Object.assign(document.createElement("a"), { href: url, download: fileName });
  anchor.style.display = "none";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked once the download surely began: revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
