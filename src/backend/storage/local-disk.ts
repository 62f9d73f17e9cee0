// Local disk storage, the embedded default. Objects live under <dir>/objects, their content type
// under <dir>/meta; every write goes to <dir>/tmp first and is renamed into place, so a broken
// upload never leaves half an object. Objects expire (removeExpired), so the disk never fills.
//
// A content type is a hard link to the one file of that type in <dir>/types: creating a file is by
// far the dearest file operation (a new inode; on some disks most of a millisecond of kernel time),
// linking one is not.
//
// Reads of up to 64 KiB are synchronous, and so is finding a file's size. From the page cache, where
// a just-written object is, a stat takes a few microseconds and reading a small file some twenty;
// through libuv's thread pool, the same stat costs the event loop three times as much in promises
// and in waking a thread, and each woken thread takes the processor from it (docs/benchmarks.md).
// That holds for a local disk, which STORAGE_DIR must be (docs/deploy.md). Writes stay asynchronous:
// creating a file costs hundreds of microseconds in the kernel.
import { randomUUID } from "node:crypto";
import { closeSync, createWriteStream, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { link, mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ApiError } from "../problem.js";
import { removeFilesOlderThan } from "./housekeeping.js";
import { isMissing } from "./is-missing.js";
import { sampleStream, Sampler, type ObjectSample } from "./object-sample.js";
import { OwnUrlSigner } from "./own-url-signer.js";
import { STORAGE_KEY, type ObjectInfo, type PutRequest, type SelfServedStorage, type SignedUrl, type WriteLimits } from "./storage.js";

const TMP_MAX_AGE_MS = 3600_000;
/** Content types kept in memory, so that head() is one stat; a few hundred kilobytes at most. */
const KNOWN_TYPES = 4096;

export class LocalDiskStorage implements SelfServedStorage {
  readonly kind = "local" as const;

  // File operations queue for libuv's four threads, so under load each one saved counts. Local
  // storage has one instance: nothing else changes its content types or folders behind its back.
  private readonly contentTypes = new Map<string, string>();
  private readonly folders = new Set<string>();
  private readonly typeFiles = new Set<string>();

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
    await Promise.all(["objects", "meta", "tmp", "types"].map((d) => mkdir(path.join(dir, d), { recursive: true })));
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
      // The object first: most keys asked about are not there yet, and then one file operation answers.
      const info = statSync(this.file("objects", key), { throwIfNoEntry: false });
      return info ? { size: info.size, contentType: this.contentTypeOf(key) } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  private contentTypeOf(key: string): string {
    const known = this.contentTypes.get(key);
    if (known) return known;
    const { contentType } = JSON.parse(readFileSync(this.file("meta", key), "utf8")) as { contentType: string };
    this.remember(key, contentType);
    return contentType;
  }

  private remember(key: string, contentType: string): void {
    this.contentTypes.delete(key);
    this.contentTypes.set(key, contentType);
    // Oldest first: a Map keeps insertion order.
    if (this.contentTypes.size > KNOWN_TYPES) this.contentTypes.delete(this.contentTypes.keys().next().value!);
  }

  /** The file every object of this content type links to as its meta; written once. */
  private async typeFile(contentType: string): Promise<string> {
    const file = path.join(this.dir, "types", `${encodeURIComponent(contentType)}.json`);
    if (this.typeFiles.has(file)) return file;
    await writeFile(file, JSON.stringify({ contentType }), { flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    this.typeFiles.add(file);
    return file;
  }

  private async folderFor(file: string): Promise<void> {
    const folder = path.dirname(file);
    if (this.folders.has(folder)) return;
    await mkdir(folder, { recursive: true });
    this.folders.add(folder);
  }

  async sample(key: string): Promise<ObjectSample | null> {
    try {
      const bytes = fileBytes(this.file("objects", key));
      return await sampleStream(bytes instanceof Uint8Array ? [bytes] : bytes);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  confirmWrite(key: string): Promise<ObjectSample | null> {
    return this.sample(key);
  }

  openRead(key: string): ReadableStream<Uint8Array> | Uint8Array {
    try {
      const bytes = fileBytes(this.file("objects", key));
      return bytes instanceof Uint8Array ? bytes : ReadableStream.from(bytes);
    } catch (error) {
      // Removed since the caller's head(), by a sweep. (A longer object removed after this fails the answer midway.)
      if (isMissing(error)) throw new ApiError("not_found", "No object has this key.");
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    this.contentTypes.delete(key);
    await Promise.all([rm(this.file("objects", key), { force: true }), rm(this.file("meta", key), { force: true })]);
  }

  async write(key: string, body: AsyncIterable<Uint8Array>, limits: WriteLimits): Promise<ObjectInfo> {
    const target = this.file("objects", key);
    const metaTarget = this.file("meta", key);
    const tmp = path.join(this.dir, "tmp", randomUUID());
    // Beside its target, not in tmp: the link shares the type file's old mtime, which tmp's sweep would take for a leftover.
    const metaTmp = `${metaTarget}.${randomUUID()}`;
    const sampler = new Sampler({ maxSize: limits.maxSize, ...(limits.sha256 ? { sha256: limits.sha256 } : {}) });
    try {
      await pipeline(sampler.pass(body), createWriteStream(tmp));
      await Promise.all([this.folderFor(target), this.folderFor(metaTarget)]);
      await link(await this.typeFile(limits.contentType), metaTmp);
      // Meta first: head() needs the object itself, so it never sees a half-written pair.
      await rename(metaTmp, metaTarget);
      this.remember(key, limits.contentType);
      await rename(tmp, target);
      return { size: sampler.sample.size, contentType: limits.contentType };
    } catch (error) {
      await Promise.all([rm(tmp, { force: true }), rm(metaTmp, { force: true })]);
      throw error;
    }
  }

  /**
   * Removes objects written more than maxAgeMs ago with their content types, and what broken writes
   * left in tmp; answers how many objects went. (A content type's own mtime is its type file's, so
   * it goes with its object.)
   */
  async removeExpired(maxAgeMs: number, now = Date.now()): Promise<number> {
    const [objects] = await Promise.all([
      removeFilesOlderThan(path.join(this.dir, "objects"), now - maxAgeMs),
      // A write in progress is minutes old at most; anything older in tmp was left by a crash.
      removeFilesOlderThan(path.join(this.dir, "tmp"), now - Math.min(maxAgeMs, TMP_MAX_AGE_MS)),
    ]);
    for (const key of objects) {
      this.contentTypes.delete(key);
      await rm(path.join(this.dir, "meta", `${key}.json`), { force: true });
    }
    return objects.length;
  }

  signPut(request: PutRequest): Promise<SignedUrl> {
    return this.signer.signPut(request);
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return this.signer.signGet(key, expiresInS);
  }
}

const CHUNK_BYTES = 64 * 1024;

/** A file's bytes: those of a file of at most 64 KiB, read at once, or the chunks of a longer one (see fileChunks). */
function fileBytes(file: string): Uint8Array | AsyncGenerator<Uint8Array> {
  const fd = openSync(file, "r");
  let small: Buffer | null = null;
  try {
    // Size and bytes from the one file, even if another replaces it meanwhile.
    if (fstatSync(fd).size <= CHUNK_BYTES) small = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  // A longer file is opened again once it is read: a generator never started would keep it open.
  return small ?? fileChunks(file);
}

/**
 * A long file's bytes, chunk by chunk through the thread pool, so that the event loop serves others
 * in between; in buffers of 64 KiB or of what is left: a read stream takes 64 KiB for every read,
 * and once more to find the end, in memory that only the next garbage collection frees.
 */
async function* fileChunks(file: string): AsyncGenerator<Uint8Array> {
  const handle = await open(file, "r");
  try {
    // Asked again: the file may have been replaced since.
    const { size } = await handle.stat();
    for (let position = 0; position < size; ) {
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, size - position)), 0, undefined, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
