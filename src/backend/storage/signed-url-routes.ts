// Serves the storage URLs the backend signs itself: PUT hands the body to the storage's write()
// (local disk keeps it; Immersity storage streams it on), GET and HEAD read where the storage can.
import { Hono } from "hono";
import type { BackendEnvironment } from "../app-env.js";
import { ApiError } from "../problem.js";
import { OWN_URL_PREFIX } from "./own-url-signer.js";
import { STORAGE_KEY, type SelfServedStorage } from "./storage.js";
import { contentTypeAllowed, fromQuery, verify } from "./url-signing.js";

/** The key a path names; null when its escapes do not decode (a key the backend signs always does). */
function keyOf(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname.slice(OWN_URL_PREFIX.length));
  } catch {
    return null;
  }
}

async function authorize(storage: SelfServedStorage, method: "GET" | "PUT", url: URL) {
  const key = keyOf(url);
  // A key that could never be signed (traversal, odd characters) is simply not there.
  if (key === null || !STORAGE_KEY.test(key)) throw new ApiError("not_found", "No object has this key.");
  const claimed = fromQuery(method, key, url.searchParams);
  if (!claimed || !(await verify(storage.signingKey, claimed.fields, claimed.signature))) {
    throw new ApiError("signature_invalid", "The URL's signature does not match; ask the backend for a new URL.");
  }
  if (claimed.fields.expires * 1000 < Date.now()) {
    throw new ApiError("url_expired", "The URL has expired; ask the backend for a new one.");
  }
  return { key, fields: claimed.fields };
}

/** Reads a body to its end, or stops past `limit` bytes. */
async function discard(body: ReadableStream<Uint8Array> | null, limit: number): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  for (let read = 0; read <= limit;) {
    const next = await reader.read();
    if (next.done) return;
    read += next.value.length;
  }
  await reader.cancel();
}

export function signedUrlRoutes(storage: SelfServedStorage) {
  const app = new Hono<Pick<BackendEnvironment, "Bindings">>();

  app.put("/*", async (c) => {
    const { key, fields } = await authorize(storage, "PUT", new URL(c.req.url));
    const contentType = c.req.header("content-type") ?? "";
    if (!contentTypeAllowed(fields.contentType, contentType)) {
      // Read away (within the signed size) so the client's next request can use this connection.
      await discard(c.req.raw.body, fields.maxSize);
      throw new ApiError("unsupported_media_type", `Content-Type must be ${fields.contentType}, as signed.`);
    }
    const declared = Number(c.req.header("content-length") ?? NaN);
    if (declared > fields.maxSize) {
      throw new ApiError("payload_too_large", `The body is over the signed size of ${fields.maxSize} bytes.`);
    }
    await storage.write(key, c.req.raw.body ?? new Blob([]).stream(), {
      contentType,
      maxSize: fields.maxSize,
      sha256: fields.sha256,
      ...(Number.isSafeInteger(declared) ? { length: declared } : {}),
    });
    return c.body(null, 200);
  });

  const openRead = storage.openRead?.bind(storage);
  if (openRead) {
    app.get("/*", async (c) => {
      const { key } = await authorize(storage, "GET", new URL(c.req.url));
      const info = await storage.head(key);
      if (!info) throw new ApiError("not_found", "No object has this key.");
      const headers = {
        "content-type": info.contentType,
        "content-length": String(info.size),
        "cache-control": "private, max-age=60",
      };
      // Hono routes HEAD here too; reading the object for it would be wasted.
      if (c.req.method === "HEAD") return new Response(null, { headers });
      return new Response(await openRead(key), { headers });
    });
  }
  return app;
}
