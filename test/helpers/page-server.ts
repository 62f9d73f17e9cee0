// Serves a browser entry, bundled by esbuild, on 127.0.0.1 (a secure context, where WebGL2 and
// WebCodecs exist) for the Chromium suites and benchmarks of src/render.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";

export interface PageServer {
  /** The page: `/` loads the bundle as /page.js, and answers `html` (the query's text) after it. */
  origin: string;
  close(): Promise<void>;
}

/** `files`: more paths to serve, each with its content type and body. */
export async function servePage(
  entry: string,
  files: Record<string, [contentType: string, body: string | Uint8Array]> = {},
): Promise<PageServer> {
  const bundle = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "browser", write: false });
  const served: Record<string, [string, string | Uint8Array]> = {
    ...files,
    "/page.js": ["text/javascript", bundle.outputFiles[0]!.text],
  };
  const server = createServer((request, response) => {
    const [path, query] = (request.url ?? "/").split("?");
    const file = served[path!];
    if (file) return response.writeHead(200, { "content-type": file[0] }).end(file[1]);
    if (path !== "/") return response.writeHead(404).end();
    const body = decodeURIComponent(query ?? "");
    response
      .writeHead(200, { "content-type": "text/html" })
      .end(`<!doctype html><script type="module" src="/page.js"></script>${body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
