// HMAC-SHA256 signatures for the URLs the backend serves itself. node:crypto computes one in a few
// microseconds on the spot; a Web Crypto call is a trip through libuv's four threads, which under
// load waits behind every file operation. Verification is constant time.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";

export interface SignedFields {
  method: "GET" | "PUT";
  key: string;
  /** Unix seconds. */
  expires: number;
  contentType: string;
  maxSize: number;
  sha256: string;
}

export type SigningKey = KeyObject;

export async function importSigningKey(secret: string): Promise<SigningKey> {
  return createSecretKey(Buffer.from(secret, "utf8"));
}

// Newlines cannot occur in any field (keys and types are validated), so the join is unambiguous.
const canonical = (f: SignedFields) => [f.method, f.key, f.expires, f.contentType, f.maxSize, f.sha256].join("\n");

const mac = (key: SigningKey, fields: SignedFields) => createHmac("sha256", key).update(canonical(fields)).digest();

export async function sign(key: SigningKey, fields: SignedFields): Promise<string> {
  return mac(key, fields).toString("base64url");
}

export async function verify(key: SigningKey, fields: SignedFields, signature: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signature, "base64url"), mac(key, fields));
}

const QUERY = {
  expires: "X-Expires",
  contentType: "X-Content-Type",
  maxSize: "X-Max-Size",
  sha256: "X-Sha256",
  signature: "X-Signature",
};

export function toQuery(fields: SignedFields, signature: string): URLSearchParams {
  const q = new URLSearchParams({ [QUERY.expires]: String(fields.expires) });
  if (fields.contentType) q.set(QUERY.contentType, fields.contentType);
  if (fields.maxSize) q.set(QUERY.maxSize, String(fields.maxSize));
  if (fields.sha256) q.set(QUERY.sha256, fields.sha256);
  q.set(QUERY.signature, signature);
  return q;
}

/** The signed fields a request claims; null when the query is malformed. */
export function fromQuery(
  method: "GET" | "PUT",
  key: string,
  q: URLSearchParams,
): { fields: SignedFields; signature: string } | null {
  const expires = Number(q.get(QUERY.expires));
  const maxSize = Number(q.get(QUERY.maxSize) ?? 0);
  const signature = q.get(QUERY.signature);
  if (!Number.isSafeInteger(expires) || !Number.isSafeInteger(maxSize) || !signature) return null;
  return {
    fields: {
      method,
      key,
      expires,
      maxSize,
      contentType: q.get(QUERY.contentType) ?? "",
      sha256: q.get(QUERY.sha256) ?? "",
    },
    signature,
  };
}

/** A signed type is exact, or "image/*" for a writer whose format we do not choose (Immersity's results). */
export function contentTypeAllowed(signed: string, actual: string): boolean {
  if (signed.endsWith("/*")) return actual.startsWith(signed.slice(0, -1)) && /^[a-z]+\/[a-z0-9.+-]+$/.test(actual);
  return actual === signed;
}
