// Signs the URLs of storage the backend serves itself (local disk, and the uploads it streams on
// to Immersity): `${publicUrl}/storage/<key>` with the HMAC fields of url-signing.ts. The key is
// STORAGE_SIGNING_SECRET, or one generated once and kept in the storage folder.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ApiError } from "../problem.js";
import { isMissing } from "./is-missing.js";
import { STORAGE_KEY, type PutRequest, type SignedUrl } from "./storage.js";
import { importSigningKey, sign, toQuery, type SignedFields, type SigningKey } from "./url-signing.js";

export const OWN_URL_PREFIX = "/storage/";

export class OwnUrlSigner {
  private constructor(
    private readonly publicUrl: string,
    readonly signingKey: SigningKey,
    private readonly now: () => number,
  ) {}

  static async open(options: {
    dir: string;
    publicUrl: string;
    secret?: string;
    now?: () => number;
  }): Promise<OwnUrlSigner> {
    const secret = options.secret ?? (await loadOrCreateSecret(path.join(options.dir, "signing-secret")));
    return new OwnUrlSigner(
      options.publicUrl.replace(/\/+$/, ""),
      await importSigningKey(secret),
      options.now ?? Date.now,
    );
  }

  signPut(request: PutRequest): Promise<SignedUrl> {
    return this.signUrl(
      {
        method: "PUT",
        key: request.key,
        contentType: request.contentType,
        maxSize: request.maxSize,
        sha256: request.sha256 ?? "",
        expires: 0,
      },
      request.expiresInS,
      { "content-type": request.contentType },
    );
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return this.signUrl({ method: "GET", key, contentType: "", maxSize: 0, sha256: "", expires: 0 }, expiresInS, {});
  }

  private async signUrl(fields: SignedFields, expiresInS: number, headers: Record<string, string>): Promise<SignedUrl> {
    if (!STORAGE_KEY.test(fields.key)) throw new ApiError("not_found", "No object has this key.");
    const expires = Math.floor(this.now() / 1000) + expiresInS;
    const signed = { ...fields, expires };
    const query = toQuery(signed, await sign(this.signingKey, signed));
    return {
      url: `${this.publicUrl}${OWN_URL_PREFIX}${fields.key}?${query}`,
      headers,
      expiresAt: new Date(expires * 1000),
    };
  }
}

async function loadOrCreateSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if (!isMissing(error)) throw error;
    const secret = randomBytes(32).toString("base64url");
    await mkdir(path.dirname(file), { recursive: true });
    // "wx" fails if another process created it first; then theirs wins.
    await writeFile(file, secret, { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return (await readFile(file, "utf8")).trim();
  }
}
