// Dev Mode's Code section: for a result Depthframe placed, the snippets a developer needs, read from
// its plugin data only (no UI, no network), well within Figma's 15 s limit.
import { CODEGEN_LANGUAGES, codegenSnippets, type CodegenLanguage, type HandoffResult } from "../shared/handoff.js";
import { DATA, RESULT_SUFFIX } from "./plugin-data.js";

export const NOT_A_RESULT = "Not a Depthframe result. Select a depth map or 3D animation that Depthframe placed.";

function parseOptions(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The source's name now, or the one the result was named after when the source is gone. */
async function sourceName(node: SceneNode, kind: HandoffResult["kind"]): Promise<string> {
  const source = await figma.getNodeByIdAsync(node.getPluginData(DATA.sourceId));
  if (source && !source.removed) return source.name;
  const suffix = ` — ${RESULT_SUFFIX[kind]}`;
  return node.name.endsWith(suffix) ? node.name.slice(0, -suffix.length) : node.name;
}

function animationFormat(node: SceneNode): "mp4" | "gif" {
  const fills = "fills" in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : [];
  return fills.some((paint) => paint.type === "VIDEO") ? "mp4" : "gif";
}

/** The result a node is, from its plugin data, or null for any other layer. */
export async function handoffResultOf(node: SceneNode): Promise<HandoffResult | null> {
  const kind = node.getPluginData(DATA.kind);
  if (kind !== "depth" && kind !== "animation") return null;
  return {
    kind,
    sourceName: await sourceName(node, kind),
    options: parseOptions(node.getPluginData(DATA.options)),
    ...(kind === "animation" ? { animationFormat: animationFormat(node) } : {}),
    width: Math.round(node.width),
    height: Math.round(node.height),
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
