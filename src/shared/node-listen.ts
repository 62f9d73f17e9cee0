// Starts a fetch handler on Node and answers with its URL and a close() that also ends keep-alive
// connections (used by the backend and the emulator; Node only).
import { serve, type HttpBindings } from "@hono/node-server";
import type { AddressInfo } from "node:net";

export interface Listening {
  url: string;
  close(): Promise<void>;
}

export async function listen(
  fetch: (request: Request, bindings: HttpBindings) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<Listening> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: fetch as Parameters<typeof serve>[0]["fetch"], hostname: host, port }, () => resolve(s));
    s.once("error", reject);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
