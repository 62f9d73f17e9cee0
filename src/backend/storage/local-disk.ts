// Local disk storage, the embedded default. Objects live under <dir>/objects, their content type
// under <dir>/meta; every write goes to <dir>/tmp first and is renamed into place, so a broken
// upload never leaves half an object.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ApiError } from "../problem.js";
import { STORAGE_KEY, type ObjectInfo, type PutRequest, type SignedUrl, type Storage } from "./storage.js";
import { importSigningKey, sign, toQuery, type SignedFields, type SigningKey } from "./url-signing.js";

export const LOCAL_STORAGE_PREFIX = "/storage/";

export interface WriteLimits {
  contentType: string;
  maxSize: number;
  sha256: string;
}

export class LocalDiskStorage implements Storage {
  readonly kind = "local" as const;

  private constructor(
    private readonly dir: string,
    private readonly publicUrl: string,
    readonly signingKey: SigningKey,
  ) {}

  /** Creates the folders; without a secret, one is generated once and kept in the folder. */
  static async open(options: { dir: string; publicUrl: string; secret?: string }): Promise<LocalDiskStorage> {
    const dir = path.resolve(options.dir);
    await Promise.all(["objects", "meta", "tmp"].map((d) => mkdir(path.join(dir, d), { recursive: true })));
    const secret = options.secret ?? (await loadOrCreateSecret(path.join(dir, "signing-secret")));
    return new LocalDiskStorage(dir, options.publicUrl.replace(/\/+$/, ""), await importSigningKey(secret));
  }

  private file(area: "objects" | "meta", key: string): string {
    if (!STORAGE_KEY.test(key)) throw new ApiError("not_found", "No object has this key.");
    const root = path.join(this.dir, area);
    const file = path.resolve(root, area === "meta" ? `${key}.json` : key);
    // Defence in depth: the key pattern already forbids traversal.
    if (!file.startsWith(root + path.sep)) throw new ApiError("not_found", "No object has this key.");
    return file;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const [info, meta] = await Promise.all([stat(this.file("objects", key)), readFile(this.file("meta", key), "utf8")]);
      return { size: info.size, contentType: (JSON.parse(meta) as { contentType: string }).contentType };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async read(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.file("objects", key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  openRead(key: string): Readable {
    return createReadStream(this.file("objects", key));
  }

  async delete(key: string): Promise<void> {
    await Promise.all([rm(this.file("objects", key), { force: true }), rm(this.file("meta", key), { force: true })]);
  }

  /** Streams a body into place, enforcing the signed limits; nothing is kept when one is broken. */
  async write(key: string, body: ReadableStream<Uint8Array>, limits: WriteLimits): Promise<ObjectInfo> {
    const target = this.file("objects", key);
    const metaTarget = this.file("meta", key);
    const tmp = path.join(this.dir, "tmp", randomUUID());
    const hash = createHash("sha256");
    let size = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limits.maxSize) return done(new ApiError("payload_too_large", `The body is over the signed size of ${limits.maxSize} bytes.`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), guard, createWriteStream(tmp));
      if (limits.sha256 && hash.digest("hex") !== limits.sha256) {
        throw new ApiError("image_hash_mismatch", "The body's SHA-256 is not the one signed into the URL.");
      }
      await mkdir(path.dirname(target), { recursive: true });
      await mkdir(path.dirname(metaTarget), { recursive: true });
      await writeFile(`${tmp}.meta`, JSON.stringify({ contentType: limits.contentType }));
      // Meta first: head() needs the object itself, so it never sees a half-written pair.
      await rename(`${tmp}.meta`, metaTarget);
      await rename(tmp, target);
      return { size, contentType: limits.contentType };
    } finally {
      await Promise.all([rm(tmp, { force: true }), rm(`${tmp}.meta`, { force: true })]);
    }
  }

  signPut(request: PutRequest): Promise<SignedUrl> {
    return this.signUrl(
      { method: "PUT", key: request.key, contentType: request.contentType, maxSize: request.maxSize, sha256: request.sha256 ?? "", expires: 0 },
      request.expiresInS,
      { "content-type": request.contentType },
    );
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return this.signUrl({ method: "GET", key, contentType: "", maxSize: 0, sha256: "", expires: 0 }, expiresInS, {});
  }

  private async signUrl(fields: SignedFields, expiresInS: number, headers: Record<string, string>): Promise<SignedUrl> {
    this.file("objects", fields.key);
    const expires = Math.floor(Date.now() / 1000) + expiresInS;
    const signed = { ...fields, expires };
    const query = toQuery(signed, await sign(this.signingKey, signed));
    return { url: `${this.publicUrl}${LOCAL_STORAGE_PREFIX}${fields.key}?${query}`, headers, expiresAt: new Date(expires * 1000) };
  }
}

async function loadOrCreateSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if (!isMissing(error)) throw error;
    const secret = randomBytes(32).toString("base64url");
    // "wx" fails if another process created it first; then theirs wins.
    await writeFile(file, secret, { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return (await readFile(file, "utf8")).trim();
  }
}

const isMissing = (error: unknown) => ["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException)?.code ?? "");
