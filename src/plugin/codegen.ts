// Dev Mode's Code section: for a result Depthframe placed, the snippets a developer needs, read from
// its plugin data only (no UI, no network), well within Figma's 15 s limit.
import { CODEGEN_LANGUAGES, codegenSnippets, type CodegenLanguage, type HandoffResult } from "../shared/handoff.js";
import * as z from "zod/mini";
import { ResultOptions, type AnimationFormat } from "../shared/messages.js";
import { isLayeredResult, layeredHandoffResult } from "./layered-result.js";
import { DATA, RESULT_SUFFIX, sourceNameOf } from "./plugin-data.js";

export const NOT_A_RESULT =
  "Not a Depthframe result. Select a depth map, 3D animation or layer depth map that Depthframe placed.";

/** The recorded options, or none when plugin data was edited into something else. */
function parseOptions(json: string): ResultOptions {
  try {
    return z.catch(ResultOptions, {}).parse(JSON.parse(json));
  } catch {
    return {};
  }
}

async function sourceOf(node: SceneNode): Promise<BaseNode | null> {
  const source = await figma.getNodeByIdAsync(node.getPluginData(DATA.sourceId));
  return source && !source.removed ? source : null;
}

/** The depth map placed for the same source, if it is still there and still linked to it. */
export async function depthResultOf(source: BaseNode | null): Promise<SceneNode | null> {
  const id = source?.getPluginData(DATA.resultOf("depth"));
  const node = id ? await figma.getNodeByIdAsync(id) : null;
  return node && !node.removed && node.getPluginData(DATA.sourceId) === source!.id ? (node as SceneNode) : null;
}

const FORMATS: Record<string, AnimationFormat> = { "video/mp4": "mp4", "video/webm": "webm", "image/gif": "gif" };

function animationFormat(node: SceneNode): AnimationFormat {
  const recorded = FORMATS[node.getPluginData(DATA.contentType)];
  if (recorded) return recorded;
  // Placed before the type was recorded, when every video Depthframe placed was an MP4.
  const fills = "fills" in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : [];
  return fills.some((paint) => paint.type === "VIDEO") ? "mp4" : "gif";
}

/** The result a node is, from its plugin data, or null for any other layer. */
export async function handoffResultOf(node: SceneNode): Promise<HandoffResult | null> {
  if (isLayeredResult(node)) return layeredHandoffResult(node);
  const kind = node.getPluginData(DATA.kind);
  if (kind !== "depth" && kind !== "animation") return null;
  const source = await sourceOf(node);
  return {
    kind,
    sourceName: sourceNameOf(node, source, RESULT_SUFFIX[kind]),
    options: parseOptions(node.getPluginData(DATA.options)),
    ...(kind === "animation" ? { animationFormat: animationFormat(node) } : {}),
    hasDepthMap: kind === "depth" || (await depthResultOf(source)) !== null,
    width: Math.max(1, Math.round(node.width)),
    height: Math.max(1, Math.round(node.height)),
  };
}

export async function generateCode(event: CodegenEvent): Promise<CodegenResult[]> {
  const result = await handoffResultOf(event.node);
  if (!result) return [{ title: "Depthframe", language: "PLAINTEXT", code: NOT_A_RESULT }];
  const language = (CODEGEN_LANGUAGES as readonly string[]).includes(event.language)
    ? (event.language as CodegenLanguage)
    : "html";
  return codegenSnippets(result, language);
}
