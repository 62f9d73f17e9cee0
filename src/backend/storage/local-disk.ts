// Local disk storage, the embedded default. Objects live under <dir>/objects, their content type
// under <dir>/meta; every write goes to <dir>/tmp first and is renamed into place, so a broken
// upload never leaves half an object. Objects expire (removeExpired), so the disk never fills.
//
// A content type is a hard link to the one file of that type in <dir>/types: creating a file is by
// far the dearest file operation (a new inode; on some disks most of a millisecond of kernel time),
// linking one is not.
//
// Objects of up to 64 KiB are read and written synchronously, and so is finding a file's size and
// putting a written file in place. A stat takes a few microseconds, reading a small file from the
// page cache some twenty, and writing one and putting it in place under a hundred on a quiet disk;
// through libuv's thread pool each of those file operations costs the event loop more in promises
// and in waking a thread than the operation itself, each woken thread takes the processor from it,
// and the pool's threads use twice the processor time the same writes take synchronously
// (docs/benchmarks.md). That holds for a local disk, which STORAGE_DIR must be (docs/deploy.md).
// Longer objects stream through the pool and are put in place synchronously
// too; the one dear case is renaming one of megabytes over an object of the same key (the same
// image uploaded twice at once), where ext4 starts writing the new file out in the rename.
import { randomUUID } from "node:crypto";
import {
  closeSync,
  createWriteStream,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ApiError } from "../problem.js";
import { ConditionalFiles, tmpIn } from "./conditional-files.js";
import { removeFilesOlderThan } from "./housekeeping.js";
import { isMissing } from "./is-missing.js";
import { sampleStream, Sampler, type ObjectSample } from "./object-sample.js";
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
    const { contentType } = JSON.parse(readFileSync(this.file("meta", key), "utf8")) as {
      contentType: string;
    };
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
  private typeFile(contentType: string): string {
    const file = path.join(this.dir, "types", `${encodeURIComponent(contentType)}.json`);
    if (this.typeFiles.has(file)) return file;
    try {
      writeFileSync(file, JSON.stringify({ contentType }), { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    this.typeFiles.add(file);
    return file;
  }

  private folderFor(file: string): void {
    const folder = path.dirname(file);
    if (this.folders.has(folder)) return;
    mkdirSync(folder, { recursive: true });
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
    const tmp = path.join(this.dir, "tmp", randomUUID());
    const sampler = new Sampler({
      maxSize: limits.maxSize,
      ...(limits.sha256 ? { sha256: limits.sha256 } : {}),
    });
    const chunks = sampler.pass(body);
    try {
      const first = await firstChunks(chunks, CHUNK_BYTES);
      if (first.complete) {
        writeFileSync(tmp, Buffer.concat(first.chunks), { flag: "wx" });
        this.place(tmp, key, target, limits.contentType);
      } else {
        await pipeline(followedBy(first.chunks, chunks), createWriteStream(tmp));
        this.place(tmp, key, target, limits.contentType);
      }
      return { size: sampler.sample.size, contentType: limits.contentType };
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
  }

  /** Puts a written file in place as the object, with its content type. */
  private place(tmp: string, key: string, target: string, contentType: string): void {
    const metaTarget = this.file("meta", key);
    // Beside its target, not in tmp: the link shares the type file's old mtime, which tmp's sweep would take for a leftover.
    const metaTmp = `${metaTarget}.${randomUUID()}`;
    try {
      this.folderFor(target);
      this.folderFor(metaTarget);
      linkSync(this.typeFile(contentType), metaTmp);
      // Meta first: head() needs the object itself, so it never sees a half-written pair.
      renameSync(metaTmp, metaTarget);
      this.remember(key, contentType);
      renameSync(tmp, target);
    } catch (error) {
      rmSync(metaTmp, { force: true });
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

const CHUNK_BYTES = 64 * 1024;

/**
 * A body's first chunks, up to just over max bytes; complete when the body ended within max (over
 * it, the body may have ended too: the sampler holds its last chunk back until the end).
 */
async function firstChunks(
  chunks: AsyncIterator<Uint8Array>,
  max: number,
): Promise<{ chunks: Uint8Array[]; complete: boolean }> {
  const taken: Uint8Array[] = [];
  for (let size = 0; size <= max;) {
    const next = await chunks.next();
    if (next.done) return { chunks: taken, complete: true };
    taken.push(next.value);
    size += next.value.length;
  }
  return { chunks: taken, complete: false };
}

/** The chunks already taken, then the rest; closing it, even before the rest has begun, closes the rest (and the body under it). */
async function* followedBy(taken: Uint8Array[], rest: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* taken;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

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
    for (let position = 0; position < size;) {
      const { bytesRead, buffer } = await handle.read(
        Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, size - position)),
        0,
        undefined,
        position,
      );
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
