// The client every outgoing call of the backend goes through, against a real node:http server on
// 127.0.0.1: bodies both ways, its errors as the caller sees them, and connections kept alive.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamClient, type UpstreamClient } from "../../src/backend/upstream-http.js";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let client: UpstreamClient;
/** What the server does with the next requests; each test sets its own. */
let handler: Handler;
/** Every connection the server accepted, in order. */
let sockets: Socket[];

beforeEach(async () => {
  sockets = [];
  handler = (_request, response) => response.end();
  server = http.createServer((request, response) => handler(request, response));
  server.on("connection", (socket: Socket) => sockets.push(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createUpstreamClient();
});

afterEach(async () => {
  client.close();
  // A test may leave a request unanswered on purpose: close() alone would wait for it.
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Answers with what it received, as JSON. */
const echo: Handler = (request, response) => {
  void readBody(request).then((body) => {
    response.setHeader("content-type", "application/json");
    response.end(
      JSON.stringify({
        method: request.method,
        headers: request.headers,
        body: body.toString("utf8"),
      }),
    );
  });
};

interface Echoed {
  method: string;
  headers: Record<string, string>;
  body: string;
}

describe("createUpstreamClient answers", () => {
  it("parses a JSON answer, with its status and headers by any case of their name", async () => {
    handler = (_request, response) => {
      response.writeHead(201, { "content-type": "application/json", "x-request-id": "abc" });
      response.end(JSON.stringify({ hello: "world" }));
    };
    const response = await client.request(`${base}/thing`, { timeoutMs: 5000 });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.header("X-Request-Id")).toBe("abc");
    expect(response.header("x-request-id")).toBe("abc");
    expect(response.header("x-absent")).toBeNull();
    expect(await response.json()).toEqual({ hello: "world" });
  });

  it("reports a status outside 2xx as not ok", async () => {
    handler = (_request, response) => {
      response.writeHead(503);
      response.end("{}");
    };
    const response = await client.request(base, { timeoutMs: 5000 });
    expect([response.status, response.ok]).toEqual([503, false]);
    expect(await response.json()).toEqual({});
  });

  it("answers null from json() when the body is not JSON", async () => {
    handler = (_request, response) => response.end("<html>gateway error</html>");
    const response = await client.request(base, { timeoutMs: 5000 });
    expect(await response.json()).toBeNull();
  });
});

describe("createUpstreamClient sends", () => {
  it("a string body with its content-length, method and headers", async () => {
    handler = echo;
    const body = "naïve: ✓";
    const response = await client.request(`${base}/token`, {
      method: "POST",
      headers: { "x-api-key": "k1" },
      body,
      timeoutMs: 5000,
    });
    const echoed = (await response.json()) as Echoed;
    expect(echoed.method).toBe("POST");
    expect(echoed.body).toBe(body);
    // Bytes, not characters: the body holds two multi-byte characters.
    expect(echoed.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(echoed.headers["x-api-key"]).toBe("k1");
  });

  it("a streamed body whole, chunk after chunk", async () => {
    handler = echo;
    const parts = ["first ", "second ", "third"];
    async function* chunks() {
      for (const part of parts) {
        yield new TextEncoder().encode(part);
        // Each chunk in a turn of its own, as a file read or an upload passed through would come.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const response = await client.request(base, { method: "PUT", body: chunks(), timeoutMs: 5000 });
    expect(((await response.json()) as Echoed).body).toBe(parts.join(""));
  });
});

describe("createUpstreamClient fails", () => {
  it("with the very error a streamed body throws", async () => {
    // The server waits for the whole body, so only the body's error can end the call.
    handler = echo;
    const broken = new Error("source read failed");
    async function* chunks() {
      yield new TextEncoder().encode("some bytes");
      throw broken;
    }
    await expect(client.request(base, { method: "PUT", body: chunks(), timeoutMs: 5000 })).rejects.toBe(broken);
  });

  it("with a TimeoutError when the server never answers", async () => {
    handler = () => {};
    await expect(client.request(base, { timeoutMs: 100 })).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });

  it("with a TimeoutError when the answer's body stops coming, as the timeout covers it too", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"partial":');
    };
    const response = await client.request(base, { timeoutMs: 100 });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("when nobody listens on the port", async () => {
    // A port that was free a moment ago: bound, noted, released.
    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, "close");
    await expect(client.request(`http://127.0.0.1:${port}/`, { timeoutMs: 5000 })).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });

  it("for a URL that is not http(s)", async () => {
    await expect(client.request("ftp://127.0.0.1/file", { timeoutMs: 5000 })).rejects.toThrow(/Not an http\(s\) URL/);
    expect(sockets).toHaveLength(0);
  });
});

describe("createUpstreamClient redirects", () => {
  it("follows a GET to where it was sent, keeping the credentials on the same host", async () => {
    const seen: { url: string; authorization?: string }[] = [];
    handler = (request, response) => {
      seen.push({ url: request.url!, authorization: request.headers.authorization });
      if (request.url === "/first") response.writeHead(302, { location: "/second" }).end();
      else response.writeHead(200, { "content-type": "application/json" }).end('{"at":"second"}');
    };
    const response = await client.request(`${base}/first`, {
      headers: { authorization: "Bearer t" },
      timeoutMs: 5000,
    });
    expect(await response.json()).toEqual({ at: "second" });
    expect(seen).toEqual([
      { url: "/first", authorization: "Bearer t" },
      { url: "/second", authorization: "Bearer t" },
    ]);
  });

  it("does not hand the credentials to another host", async () => {
    // The same server under another name: 127.0.0.1 and localhost are two hosts to a client.
    const other = base.replace("127.0.0.1", "localhost");
    const seen: (string | undefined)[] = [];
    handler = (request, response) => {
      seen.push(request.headers.authorization);
      if (request.url === "/first") response.writeHead(307, { location: `${other}/second` }).end();
      else response.end("{}");
    };
    expect(
      (
        await client.request(`${base}/first`, {
          headers: { authorization: "Bearer t" },
          timeoutMs: 5000,
        })
      ).status,
    ).toBe(200);
    expect(seen).toEqual(["Bearer t", undefined]);
  });

  it("answers the redirect itself for a call with a body, and after five hops", async () => {
    let hops = 0;
    handler = (request, response) => {
      hops++;
      request.resume();
      response.writeHead(302, { location: `/hop${hops}` }).end();
    };
    expect((await client.request(base, { method: "POST", body: "x", timeoutMs: 5000 })).status).toBe(302);
    expect(hops).toBe(1);
    hops = 0;
    expect((await client.request(base, { timeoutMs: 5000 })).status).toBe(302);
    expect(hops).toBe(6);
  });
});

describe("createUpstreamClient answers cut short", () => {
  it("fail rather than end quietly when the connection drops mid-body", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"partial":');
      setTimeout(() => response.socket?.destroy(), 20);
    };
    const response = await client.request(base, { timeoutMs: 5000 });
    await expect(response.json()).rejects.toThrow();
  });
});

describe("createUpstreamClient connections", () => {
  it("reuses one connection for calls one after the other once the answer was read", async () => {
    handler = echo;
    for (let i = 0; i < 3; i++) {
      const response = await client.request(base, {
        method: "POST",
        body: `call ${i}`,
        timeoutMs: 5000,
      });
      expect(((await response.json()) as Echoed).body).toBe(`call ${i}`);
    }
    expect(sockets).toHaveLength(1);
  });

  it("reuses the connection once an unread answer was discarded", async () => {
    handler = (_request, response) => response.end("x".repeat(64 * 1024));
    const first = await client.request(base, { timeoutMs: 5000 });
    await first.discard();
    const second = await client.request(base, { timeoutMs: 5000 });
    await second.discard();
    expect(sockets).toHaveLength(1);
  });

  it("ends kept-alive connections on close()", async () => {
    handler = (_request, response) => response.end("{}");
    await (await client.request(base, { timeoutMs: 5000 })).json();
    expect(sockets).toHaveLength(1);
    const socket = sockets[0]!;
    expect(socket.destroyed).toBe(false);
    const closed = once(socket, "close");
    client.close();
    await closed;
  });
});
