// Export for developers, the sandbox's part: one file of a selected result per request, as the
// document holds it. The source as a PNG at its depth map's size, the depth map's own bytes (the
// 16-bit PNG as stored, not a re-rendered 8-bit export), and the animation: a GIF's bytes, or for a
// video the URL it was placed from, since Figma's API gives a video's bytes back to no plugin.
import type { HandoffAnswer, HandoffPart, HandoffResult } from "../shared/messages.js";
import { depthResultOf, handoffResultOf } from "./codegen.js";
import { exportPlan } from "./export-size.js";
import { imageOf } from "./image-of.js";
import { LAYER_DEPTH } from "./planes/place-layer-depth.js";
import { pageOf } from "./page-of.js";
import { DATA } from "./plugin-data.js";

/** Without a depth map to match, the source is exported at twice its size, for sharp screens. */
const SOURCE_SCALE = 2;

async function liveNode(id: string): Promise<SceneNode | null> {
  const node = id ? await figma.getNodeByIdAsync(id) : null;
  return node && !node.removed && "exportAsync" in node ? (node as SceneNode) : null;
}

/** A layered scene's source is the frame its layer depth map was made of. */
const sourceOf = (node: SceneNode, result: HandoffResult) =>
  liveNode(node.getPluginData(result.kind === "layered" ? LAYER_DEPTH.of : DATA.sourceId));

async function depthImage(node: SceneNode, result: HandoffResult): Promise<Image> {
  // A depth map and a layer depth map hold their own map; an animation finds its source's.
  const holder = result.kind !== "animation" ? node : await depthResultOf(await sourceOf(node, result));
  const image = holder && imageOf(holder);
  if (!image) throw new Error(`“${node.name}” has no depth map in the document: make one for its source first.`);
  return image;
}

async function sourcePng(node: SceneNode, result: HandoffResult): Promise<Uint8Array> {
  const source = await sourceOf(node, result);
  if (!source) throw new Error(`The source layer of “${node.name}” no longer exists, so its image cannot be exported.`);
  // The same pixel size as the depth map, so the two line up one to one.
  const size = result.hasDepthMap
    ? await (await depthImage(node, result)).getSizeAsync()
    : { width: source.width * SOURCE_SCALE, height: source.height * SOURCE_SCALE };
  await pageOf(source)?.loadAsync();
  const plan = exportPlan(source.width, source.height, Math.max(size.width, size.height));
  return source.exportAsync({ format: "PNG", constraint: plan.constraint, colorProfile: "SRGB" });
}

async function animationFile(node: SceneNode, result: HandoffResult): Promise<HandoffAnswer["file"]> {
  if (result.kind !== "animation") throw new Error(`“${node.name}” is a depth map, not an animation.`);
  const contentType = result.animationFormat === "webm" ? "video/webm" : "video/mp4";
  if (result.animationFormat === "gif") {
    const image = imageOf(node);
    if (!image) throw new Error(`“${node.name}” no longer shows its GIF.`);
    return { bytes: await image.getBytesAsync(), contentType: "image/gif" };
  }
  const url = node.getPluginData(DATA.resultUrl);
  if (!url) {
    // A video rendered on this computer never had a link; one of Immersity's predates keeping it.
    const why =
      node.getPluginData(DATA.engine) === "local"
        ? "was rendered on this computer, so it has no link to download it again from: render it as a GIF"
        : "was placed before Depthframe kept its download link: regenerate it";
    throw new Error(`Figma gives no plugin a video's bytes, and “${node.name}” ${why} to export it.`);
  }
  return { url, contentType };
}

export async function handoffFile(nodeId: string, part: HandoffPart): Promise<HandoffAnswer> {
  const node = await liveNode(nodeId);
  const result = node && (await handoffResultOf(node));
  if (!node || !result) throw new Error("That layer is not a Depthframe result any more.");
  if (part === "source") return { result, file: { bytes: await sourcePng(node, result), contentType: "image/png" } };
  if (part === "depth") {
    return {
      result,
      file: { bytes: await (await depthImage(node, result)).getBytesAsync(), contentType: "image/png" },
    };
  }
  return { result, file: await animationFile(node, result) };
}
