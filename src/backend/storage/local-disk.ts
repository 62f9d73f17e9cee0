// Local disk storage, the embedded default. Objects live under <dir>/objects, each one's content
// type (and the SHA-256 its write was checked against) in a sidecar under <dir>/meta. A write
// streams to <dir>/tmp while it is hashed and counted, and is renamed into place only once its size
// and hash are right, so a broken upload leaves nothing. Objects expire (removeExpired), so the
// disk never fills.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ImageBytes } from "../image/inspect.js";
import { ApiError } from "../problem.js";
import { ConditionalFiles, tmpIn } from "./conditional-files.js";
import { removeFilesOlderThan } from "./housekeeping.js";
import { isMissing } from "./is-missing.js";
import { readEnds, sampleStream, Sampler, type ObjectSample } from "./object-sample.js";
import { OwnUrlSigner } from "./own-url-signer.js";
import {
  STORAGE_KEY,
  type ObjectInfo,
  type PutRequest,
  type SelfServedStorage,
  type SignedUrl,
  type VersionedText,
  type WriteLimits,
} from "./storage.js";

/** An object's content type, and the SHA-256 its bytes were checked against when they were. */
interface Sidecar {
  contentType: string;
  sha256?: string;
}

const sidecarOf = ({ contentType, sha256 }: WriteLimits): Sidecar =>
  sha256 ? { contentType, sha256 } : { contentType };

/** A write in progress is minutes old at most; anything older in tmp was left by a crash. */
const TMP_MAX_AGE_MS = 3600_000;

export class LocalDiskStorage implements SelfServedStorage {
  readonly kind = "local" as const;

  /** Records (leases) are objects without a content type, written through a temporary file like uploads. */
  private readonly records: ConditionalFiles;

  private constructor(
    private readonly dir: string,
    private readonly signer: OwnUrlSigner,
  ) {
    this.records = new ConditionalFiles(path.join(dir, "objects"), "", tmpIn(path.join(dir, "tmp")));
  }

  get signingKey() {
    return this.signer.signingKey;
  }

  /** Creates the folders; without a secret, one is generated once and kept in the folder. */
  static async open(options: {
    dir: string;
    publicUrl: string;
    secret?: string;
    now?: () => number;
  }): Promise<LocalDiskStorage> {
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

  /** The object's file, open for reading; null when it is not there. */
  private async openObject(key: string): Promise<FileHandle | null> {
    try {
      return await open(this.file("objects", key), "r");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const [info, meta] = await Promise.all([stat(this.file("objects", key)), this.meta(key)]);
      return { size: info.size, contentType: meta.contentType };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  private async meta(key: string): Promise<Sidecar> {
    return JSON.parse(await readFile(this.file("meta", key), "utf8")) as Sidecar;
  }

  async sample(key: string): Promise<ObjectSample | null> {
    const handle = await this.openObject(key);
    return handle && sampleStream(handle.createReadStream());
  }

  /** write() refused any bytes of another SHA-256 than the signed one, which the sidecar keeps. */
  async checkedEnds(key: string, sha256: string, size: number): Promise<ImageBytes | null> {
    const checked = await this.meta(key).then(
      (meta) => meta.sha256 === sha256,
      () => false,
    );
    const handle = checked ? await this.openObject(key) : null;
    if (!handle) return null;
    try {
      return await readEnds(size, async (position, length) => {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, position);
        return buffer.subarray(0, bytesRead);
      });
    } finally {
      await handle.close();
    }
  }

  confirmWrite(key: string): Promise<ObjectSample | null> {
    return this.sample(key);
  }

  async openRead(key: string): Promise<ReadableStream<Uint8Array>> {
    // Removed since the caller's head(), by a sweep. (An object removed once it is open still reads whole.)
    const handle = await this.openObject(key);
    if (!handle) throw new ApiError("not_found", "No object has this key.");
    return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await Promise.all([rm(this.file("objects", key), { force: true }), rm(this.file("meta", key), { force: true })]);
  }

  async write(key: string, body: AsyncIterable<Uint8Array>, limits: WriteLimits): Promise<ObjectInfo> {
    const target = this.file("objects", key);
    const metaTarget = this.file("meta", key);
    const tmp = path.join(this.dir, "tmp", randomUUID());
    const metaTmp = `${tmp}.json`;
    const sampler = new Sampler({ maxSize: limits.maxSize, ...(limits.sha256 ? { sha256: limits.sha256 } : {}) });
    const file = createWriteStream(tmp, { flags: "wx" });
    try {
      // The sampler refuses a wrong size or hash before its last chunk, so a refused file is never
      // complete; a file that cannot be opened ends the pipeline, and with it the body.
      await pipeline(sampler.pass(body), file);
      await Promise.all([
        mkdir(path.dirname(target), { recursive: true }),
        mkdir(path.dirname(metaTarget), { recursive: true }),
        writeFile(metaTmp, JSON.stringify(sidecarOf(limits)), { flag: "wx" }),
      ]);
      // The sidecar first: head() needs the object itself, so it never sees an object without its type.
      await rename(metaTmp, metaTarget);
      await rename(tmp, target);
      return { size: sampler.sample.size, contentType: limits.contentType };
    } catch (error) {
      // A body refused before the file finished opening: it is created late unless its close is awaited.
      if (!file.closed) await once(file, "close").catch(() => undefined);
      await Promise.all([rm(tmp, { force: true }), rm(metaTmp, { force: true })]);
      throw error;
    }
  }

  /**
   * Removes objects written more than maxAgeMs ago with their sidecars, and what broken writes left
   * in tmp; answers how many objects went.
   */
  async removeExpired(maxAgeMs: number, now = Date.now()): Promise<number> {
    const [objects] = await Promise.all([
      removeFilesOlderThan(path.join(this.dir, "objects"), now - maxAgeMs),
      removeFilesOlderThan(path.join(this.dir, "tmp"), now - Math.min(maxAgeMs, TMP_MAX_AGE_MS)),
    ]);
    await Promise.all(objects.map((key) => rm(path.join(this.dir, "meta", `${key}.json`), { force: true })));
    return objects.length;
  }

  createIfAbsent(key: string, text: string): Promise<string | null> {
    return this.records.createIfAbsent(key, text);
  }

  replaceIfMatch(key: string, text: string, etag: string): Promise<string | null> {
    return this.records.replaceIfMatch(key, text, etag);
  }

  readVersioned(key: string): Promise<VersionedText | null> {
    return this.records.readVersioned(key);
  }

  signPut(request: PutRequest): Promise<SignedUrl> {
    return this.signer.signPut(request);
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return this.signer.signGet(key, expiresInS);
  }
}
