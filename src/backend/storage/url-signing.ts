// HMAC-SHA256 signatures for the local storage's URLs (Web Crypto; verification is constant time).
export interface SignedFields {
  method: "GET" | "PUT";
  key: string;
  /** Unix seconds. */
  expires: number;
  contentType: string;
  maxSize: number;
  sha256: string;
}

export type SigningKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const encoder = new TextEncoder();

export function importSigningKey(secret: string): Promise<SigningKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

// Newlines cannot occur in any field (keys and types are validated), so the join is unambiguous.
const canonical = (f: SignedFields) =>
  encoder.encode([f.method, f.key, f.expires, f.contentType, f.maxSize, f.sha256].join("\n"));

export async function sign(key: SigningKey, fields: SignedFields): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, canonical(fields));
  return Buffer.from(mac).toString("base64url");
}

export async function verify(key: SigningKey, fields: SignedFields, signature: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
  return crypto.subtle.verify("HMAC", key, Buffer.from(signature, "base64url"), canonical(fields));
}

const QUERY = { expires: "X-Expires", contentType: "X-Content-Type", maxSize: "X-Max-Size", sha256: "X-Sha256", signature: "X-Signature" };

export function toQuery(fields: SignedFields, signature: string): URLSearchParams {
  const q = new URLSearchParams({ [QUERY.expires]: String(fields.expires) });
  if (fields.contentType) q.set(QUERY.contentType, fields.contentType);
  if (fields.maxSize) q.set(QUERY.maxSize, String(fields.maxSize));
  if (fields.sha256) q.set(QUERY.sha256, fields.sha256);
  q.set(QUERY.signature, signature);
  return q;
}

/** The signed fields a request claims; null when the query is malformed. */
export function fromQuery(method: "GET" | "PUT", key: string, q: URLSearchParams): { fields: SignedFields; signature: string } | null {
  const expires = Number(q.get(QUERY.expires));
  const maxSize = Number(q.get(QUERY.maxSize) ?? 0);
  const signature = q.get(QUERY.signature);
  if (!Number.isSafeInteger(expires) || !Number.isSafeInteger(maxSize) || !signature) return null;
  return {
    fields: { method, key, expires, maxSize, contentType: q.get(QUERY.contentType) ?? "", sha256: q.get(QUERY.sha256) ?? "" },
    signature,
  };
}

/** A signed type is exact, or "image/*" for a writer whose format we do not choose (Immersity's results). */
export function contentTypeAllowed(signed: string, actual: string): boolean {
  if (signed.endsWith("/*")) return actual.startsWith(signed.slice(0, -1)) && /^[a-z]+\/[a-z0-9.+-]+$/.test(actual);
  return actual === signed;
}
