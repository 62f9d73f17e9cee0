// Runs in Chromium for `npm run bench:ui`: hosts one UI in an iframe as Figma does, answering its
// "ready" request and sending a selection, so the UI does the work it does when the plugin opens.
// The variant is the page's hash: /#ui (dist/ui.html), /#baseline, /#empty.
interface BenchData {
  settings: object;
  selection: object;
}

const variant = location.hash.slice(1);
const data = (await (await fetch("/bench.json")).json()) as BenchData;
// The backend is this server, whose port the data cannot know.
const settings = { ...data.settings, backendUrl: location.origin };
const frame = document.createElement("iframe");
frame.style.cssText = "width: 360px; height: 600px; border: 0";

addEventListener("message", (event: MessageEvent) => {
  const request = (event.data as { pluginMessage?: { type?: string; id?: number } } | null)?.pluginMessage;
  if (event.source !== frame.contentWindow || request?.type !== "ready") return;
  const post = (message: object) => frame.contentWindow!.postMessage({ pluginMessage: message }, "*");
  post({ type: "answer", id: request.id, ok: true, value: { command: "depth", settings } });
  post({ type: "selection", ...data.selection });
});

frame.src = `/${variant}.html`;
document.body.append(frame);
