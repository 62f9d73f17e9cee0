// The client every outgoing call of the backend goes through (Node's fetch with an undici Agent),
// against a real node:http server on 127.0.0.1. No test waits for the clock: the whole-call deadline
// is a signal the test aborts once the server holds the call, and undici's own timers run on faked
// setTimeout (they count ticks of it), so 400 s pass in an instant.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createUpstreamClient, type UpstreamClient } from "../../src/backend/upstream-agent.js";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let client: UpstreamClient;
/** What the server does with the next requests; each test sets its own. */
let handler: Handler;
/** Every connection the server accepted, in order. */
let sockets: Socket[];
/** The deadline of the calls made since the test began; expire() aborts it, as its timer would. */
let deadline: AbortController;
const expire = () => deadline.abort(new DOMException("The call took too long.", "TimeoutError"));
/** The timeoutMs each call asked its deadline for. */
let deadlines: number[];

function createClient(timeoutMs: number): UpstreamClient {
  return createUpstreamClient({
    timeoutMs,
    deadline: (ms) => {
      deadlines.push(ms);
      return deadline.signal;
    },
  });
}

// undici starts its timer clock on the first long timer it needs: faked from the start, it stays faked.
beforeAll(() => void vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }));

beforeEach(async () => {
  sockets = [];
  deadlines = [];
  deadline = new AbortController();
  handler = (_request, response) => response.end();
  server = http.createServer((request, response) => handler(request, response));
  server.on("connection", (socket: Socket) => sockets.push(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createClient(5000);
});

afterEach(async () => {
  await client.close();
  // A test may leave a request unanswered on purpose: close() alone would wait for it.
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

interface Echoed {
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Answers with what it received, as JSON. */
const echo: Handler = async (request, response) => {
  let body = "";
  request.setEncoding("utf8");
  for await (const chunk of request) body += chunk;
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify({ method: request.method, headers: request.headers, body }));
};

/** Resolves once the server holds a request it has not answered. */
function holdNext(): Promise<http.ServerResponse> {
  return new Promise((resolve) => (handler = (_request, response) => resolve(response)));
}

describe("createUpstreamClient answers and sends", () => {
  it("parses a JSON answer, with its status and headers by any case of their name", async () => {
    handler = (_request, response) => {
      response.writeHead(503, { "content-type": "application/json", "x-request-id": "abc" });
      response.end(JSON.stringify({ hello: "world" }));
    };
    const response = await client.request(`${base}/thing`, { timeoutMs: 5000 });
    expect([response.status, response.ok]).toEqual([503, false]);
    expect(response.header("X-Request-Id")).toBe("abc");
    expect(response.header("x-absent")).toBeNull();
    expect(await response.json()).toEqual({ hello: "world" });
    handler = (_request, answer) => answer.end("<html>gateway error</html>");
    expect(await (await client.request(base, { timeoutMs: 5000 })).json()).toBeNull();
  });

  it("sends a string body with its length in bytes, its method and headers", async () => {
    handler = echo;
    const body = "naïve: ✓";
    const response = await client.request(`${base}/token`, {
      method: "POST",
      headers: { "x-api-key": "k1" },
      body,
      timeoutMs: 5000,
    });
    const echoed = (await response.json()) as Echoed;
    expect([echoed.method, echoed.body, echoed.headers["x-api-key"]]).toEqual(["POST", body, "k1"]);
    expect(echoed.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("streams a body chunk after chunk, with the content-length given (object storage wants it up front)", async () => {
    handler = echo;
    const parts = ["first ", "second ", "third"];
    async function* chunks() {
      for (const part of parts) {
        yield new TextEncoder().encode(part);
        // Each chunk in a turn of its own, as a file read or an upload passed through would come.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const length = String(parts.join("").length);
    const response = await client.request(base, {
      method: "PUT",
      headers: { "content-length": length },
      body: chunks(),
      timeoutMs: 5000,
    });
    const echoed = (await response.json()) as Echoed;
    expect(echoed.body).toBe(parts.join(""));
    expect([echoed.headers["content-length"], echoed.headers["transfer-encoding"]]).toEqual([length, undefined]);
  });

  it("fails with the very error a streamed body throws", async () => {
    // The server waits for the whole body, so only the body's error can end the call.
    handler = echo;
    const broken = new Error("source read failed");
    async function* chunks() {
      yield new TextEncoder().encode("some bytes");
      throw broken;
    }
    await expect(client.request(base, { method: "PUT", body: chunks(), timeoutMs: 5000 })).rejects.toBe(broken);
  });
});

describe("createUpstreamClient's deadline covers the whole call", () => {
  it("fails with a TimeoutError when the server never answers", async () => {
    const held = holdNext();
    const call = client.request(base, { timeoutMs: 1234 });
    await held;
    expire();
    await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
    expect(deadlines).toEqual([1234]);
  });

  it("fails with a TimeoutError when the answer's body stops coming", async () => {
    const held = holdNext();
    const call = client.request(base, { timeoutMs: 5000 });
    const response = await held;
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"partial":');
    const answer = await call;
    expect(answer.status).toBe(200);
    const read = answer.json();
    expire();
    await expect(read).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("and undici's own timers, 300 s by default, do not cut a longer IMMERSITY_TIMEOUT_MS", async () => {
    await client.close();
    client = createClient(400_000);
    const held = holdNext();
    const call = client.request(base, { timeoutMs: 400_000 });
    const response = await held;
    await vi.advanceTimersByTimeAsync(350_000);
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"late":');
    const read = (await call).json();
    await vi.advanceTimersByTimeAsync(350_000);
    response.end("true}");
    expect(await read).toEqual({ late: true });
  });

  it("and undici's timers still end a call that outlives it, should the deadline not", async () => {
    await client.close();
    client = createClient(10_000);
    const held = holdNext();
    const call = client.request(base, { timeoutMs: 10_000 });
    void call.catch(() => undefined);
    await held;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(sockets[0]!.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(call).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
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
    const response = await client.request(`${base}/first`, { headers: { authorization: "Bearer t" }, timeoutMs: 5000 });
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
    const response = await client.request(`${base}/first`, { headers: { authorization: "Bearer t" }, timeoutMs: 5000 });
    expect(response.status).toBe(200);
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

/** undici marks a connection free a turn after the answer's last byte was read. */
const idle = () => new Promise((resolve) => setImmediate(resolve));

describe("createUpstreamClient connections", () => {
  it("fails an answer that ends before its content-length rather than end it quietly", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"partial":', () => response.socket?.destroy());
    };
    const response = await client.request(base, { timeoutMs: 5000 });
    await expect(response.json()).rejects.toThrow();
    expect(deadline.signal.aborted).toBe(false);
  });

  it("reuses one connection for calls one after the other, once the answer was read or discarded", async () => {
    handler = echo;
    for (let i = 0; i < 3; i++) {
      const response = await client.request(base, { method: "POST", body: `call ${i}`, timeoutMs: 5000 });
      expect(((await response.json()) as Echoed).body).toBe(`call ${i}`);
      await idle();
    }
    handler = (_request, response) => response.end("x".repeat(64 * 1024));
    await (await client.request(base, { timeoutMs: 5000 })).discard();
    await idle();
    await (await client.request(base, { timeoutMs: 5000 })).discard();
    expect(sockets).toHaveLength(1);
  });

  it("ends kept-alive connections on close()", async () => {
    await (await client.request(base, { timeoutMs: 5000 })).discard();
    expect(sockets).toHaveLength(1);
    const closed = once(sockets[0]!, "close");
    await client.close();
    await closed;
  });
});
