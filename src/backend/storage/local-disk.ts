// Local disk storage, the embedded default. Objects live under <dir>/objects, their content type
// under <dir>/meta; every write goes to <dir>/tmp first and is renamed into place, so a broken
// upload never leaves half an object.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ApiError } from "../problem.js";
import { isMissing } from "./is-missing.js";
import { sampleStream, Sampler, type ObjectSample } from "./object-sample.js";
import { OwnUrlSigner } from "./own-url-signer.js";
import { STORAGE_KEY, type ObjectInfo, type PutRequest, type SelfServedStorage, type SignedUrl, type WriteLimits } from "./storage.js";

export class LocalDiskStorage implements SelfServedStorage {
  readonly kind = "local" as const;

  private constructor(
    private readonly dir: string,
    private readonly signer: OwnUrlSigner,
  ) {}

  get signingKey() {
    return this.signer.signingKey;
  }

  /** Creates the folders; without a secret, one is generated once and kept in the folder. */
  static async open(options: { dir: string; publicUrl: string; secret?: string; now?: () => number }): Promise<LocalDiskStorage> {
    const dir = path.resolve(options.dir);
    await Promise.all(["objects", "meta", "tmp"].map((d) => mkdir(path.join(dir, d), { recursive: true })));
    return new LocalDiskStorage(dir, await OwnUrlSigner.open({ ...options, dir }));
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

  async sample(key: string): Promise<ObjectSample | null> {
    try {
      return await sampleStream(createReadStream(this.file("objects", key)));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  confirmWrite(key: string): Promise<ObjectSample | null> {
    return this.sample(key);
  }

  openRead(key: string): ReadableStream<Uint8Array> {
    return Readable.toWeb(createReadStream(this.file("objects", key))) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await Promise.all([rm(this.file("objects", key), { force: true }), rm(this.file("meta", key), { force: true })]);
  }

  async write(key: string, body: ReadableStream<Uint8Array>, limits: WriteLimits): Promise<ObjectInfo> {
    const target = this.file("objects", key);
    const metaTarget = this.file("meta", key);
    const tmp = path.join(this.dir, "tmp", randomUUID());
    const sampler = new Sampler({ maxSize: limits.maxSize, ...(limits.sha256 ? { sha256: limits.sha256 } : {}) });
    try {
      await pipeline(sampler.pass(body), createWriteStream(tmp));
      await mkdir(path.dirname(target), { recursive: true });
      await mkdir(path.dirname(metaTarget), { recursive: true });
      await writeFile(`${tmp}.meta`, JSON.stringify({ contentType: limits.contentType }));
      // Meta first: head() needs the object itself, so it never sees a half-written pair.
      await rename(`${tmp}.meta`, metaTarget);
      await rename(tmp, target);
      return { size: sampler.sample.size, contentType: limits.contentType };
    } finally {
      await Promise.all([rm(tmp, { force: true }), rm(`${tmp}.meta`, { force: true })]);
    }
  }

  signPut(request: PutRequest): Promise<SignedUrl> {
    return this.signer.signPut(request);
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return this.signer.signGet(key, expiresInS);
  }
}
