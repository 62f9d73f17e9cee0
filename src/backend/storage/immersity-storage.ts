// Immersity's own storage (GET /api/v1/get-upload-url): no bucket, only Immersity's credentials.
//
// - An upload goes to the backend's own signed URL, and the backend streams it on into an Immersity
//   upload URL, checking type, size and hash on the way; the last chunk is held back until the hash
//   is right. This is the one mode where image bytes pass through the backend.
// - A result is written by Immersity into an upload URL of its own storage; the GET URL of the
//   result comes back in Immersity's answer (confirmWrite).
//
// Immersity's storage cannot be listed, and an upload URL cannot be read back, so which Immersity
// URL holds which key lives in a small index of JSON records in STORAGE_DIR/immersity, with the
// sample an upload's checks need. The index is on this machine's disk: one instance (or instances
// sharing that folder), and everything in it lapses with Immersity's URLs, 24 hours after they were
// handed out; removeExpired sweeps out what has lapsed.
import path from "node:path";
import type { ImmersityClient } from "../immersity/client.js";
import { noAnswerError } from "../immersity/status-mapping.js";
import { ApiError } from "../problem.js";
import type { UpstreamHttp, UpstreamResponse } from "../upstream-http.js";
import { ConditionalFiles, tmpIn } from "./conditional-files.js";
import { JsonRecords, TMP_PREFIX } from "./json-records.js";
import { sampleStream, Sampler, type ObjectSample } from "./object-sample.js";
import { OwnUrlSigner } from "./own-url-signer.js";
import type { ObjectInfo, PutRequest, SelfServedStorage, SignedUrl, VersionedText, WriteLimits } from "./storage.js";

interface ImmersityRecord {
  /**
   * Where Immersity reads the object: the upload URL of an input (as Immersity's own samples do), the
   * answered GET URL of a result.
   */
  url: string;
  expiresAt: string;
  contentType: string;
  size: number;
  /** An upload's sample, taken as it streamed through; a result is read from its URL instead. */
  sample?: { sha256: string; head: string; tail: string };
}

export interface ImmersityStorageOptions {
  dir: string;
  publicUrl: string;
  secret?: string;
  immersity: Pick<ImmersityClient, "uploadUrl">;
  http: UpstreamHttp;
  /** The longest a download or an upload to Immersity's storage may take. */
  timeoutMs: number;
  /**
   * A record whose URL lapses sooner than this counts as gone: Immersity must still read it, the
   * plugin still fetch it.
   */
  minValidityS: number;
  now?: () => number;
}

const EXTENSIONS: Record<string, string> = { "image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp" };

export class ImmersityStorage implements SelfServedStorage {
  readonly kind = "immersity" as const;

  private constructor(
    private readonly signer: OwnUrlSigner,
    private readonly records: JsonRecords<ImmersityRecord>,
    /**
     * Leases live beside the index, as records of the same files: Immersity's storage has no
     * conditional writes (nor listings), so instances coordinate only when they share this folder.
     */
    private readonly conditional: ConditionalFiles,
    private readonly options: ImmersityStorageOptions,
    private readonly now: () => number,
  ) {}

  static async open(options: ImmersityStorageOptions): Promise<ImmersityStorage> {
    const dir = path.resolve(options.dir);
    const signer = await OwnUrlSigner.open({ ...options, dir });
    const recordsDir = path.join(dir, "immersity");
    const conditional = new ConditionalFiles(recordsDir, ".json", tmpIn(recordsDir, TMP_PREFIX));
    return new ImmersityStorage(signer, new JsonRecords(recordsDir), conditional, options, options.now ?? Date.now);
  }

  get signingKey() {
    return this.signer.signingKey;
  }

  private async record(key: string): Promise<ImmersityRecord | null> {
    const record = await this.records.get(key);
    if (!record) return null;
    if (Date.parse(record.expiresAt) - this.now() >= this.options.minValidityS * 1000) return record;
    await this.records.delete(key);
    return null;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const record = await this.record(key);
    return record && { size: record.size, contentType: record.contentType };
  }

  async sample(key: string): Promise<ObjectSample | null> {
    const record = await this.record(key);
    if (!record) return null;
    if (record.sample) {
      const { sha256, head, tail } = record.sample;
      return { sha256, size: record.size, head: Buffer.from(head, "base64"), tail: Buffer.from(tail, "base64") };
    }
    return (await this.download(record.url))?.sample ?? null;
  }

  async confirmWrite(key: string, put: SignedUrl, reportedUrl: string): Promise<ObjectSample | null> {
    const written = await this.download(reportedUrl);
    if (!written) return null;
    await this.records.put(key, {
      url: reportedUrl,
      expiresAt: put.expiresAt.toISOString(),
      contentType: written.contentType,
      size: written.sample.size,
    });
    return written.sample;
  }

  /** Null when nothing is there; a failure to read it is an error, not an absence. */
  private async download(url: string): Promise<{ sample: ObjectSample; contentType: string } | null> {
    try {
      const response = await this.options.http(url, { timeoutMs: this.options.timeoutMs });
      if (!response.ok) {
        void response.discard();
        return null;
      }
      return {
        sample: await sampleStream(response.body),
        contentType: response.header("content-type") ?? "application/octet-stream",
      };
    } catch (error) {
      throw storageError(error, "Immersity's storage could not be read");
    }
  }

  delete(key: string): Promise<void> {
    return this.records.delete(key);
  }

  createIfAbsent(key: string, text: string): Promise<string | null> {
    return this.conditional.createIfAbsent(key, text);
  }

  replaceIfMatch(key: string, text: string, etag: string): Promise<string | null> {
    return this.conditional.replaceIfMatch(key, text, etag);
  }

  readVersioned(key: string): Promise<VersionedText | null> {
    return this.conditional.readVersioned(key);
  }

  /** Removes the records whose URLs have lapsed, and any that is no record (torn); answers how many went. */
  async removeExpired(): Promise<number> {
    const now = this.now();
    await this.records.removeBrokenWrites(now);
    // An expiry that cannot be read has lapsed too.
    return this.records.removeWhere((record) => !(Date.parse(record.expiresAt) > now));
  }

  /** Streams an upload on into Immersity's storage; the record is kept only once all of it is there. */
  async write(key: string, body: AsyncIterable<Uint8Array>, limits: WriteLimits): Promise<ObjectInfo> {
    const slot = await this.options.immersity.uploadUrl({
      fileName: fileNameOf(key, limits.contentType),
      mediaType: limits.contentType,
    });
    const sampler = new Sampler({ maxSize: limits.maxSize, ...(limits.sha256 ? { sha256: limits.sha256 } : {}) });
    let response: UpstreamResponse;
    try {
      response = await this.options.http(slot.url, {
        method: "PUT",
        body: sampler.pass(body),
        // Uploads are signed for their exact size, and object storage wants the length up front.
        headers: { "content-type": limits.contentType, "content-length": String(limits.maxSize) },
        timeoutMs: this.options.timeoutMs,
      });
    } catch (error) {
      // A refusal of the bytes (too many, another hash) ends the upload with that refusal.
      if (error instanceof ApiError) throw error;
      throw storageError(error, "Immersity's storage could not be reached for the upload");
    }
    void response.discard();
    if (!response.ok)
      throw new ApiError("upstream_unavailable", `Immersity's storage answered ${response.status} to the upload.`);
    const { sha256, size, head, tail } = sampler.sample;
    const sample = { sha256, head: Buffer.from(head).toString("base64"), tail: Buffer.from(tail).toString("base64") };
    await this.records.put(key, {
      url: slot.url,
      expiresAt: slot.expiresAt.toISOString(),
      contentType: limits.contentType,
      size,
      sample,
    });
    return { size, contentType: limits.contentType };
  }

  /**
   * Bytes known in advance (an upload) come through the backend; anything else Immersity writes into
   * its own storage.
   */
  async signPut(request: PutRequest): Promise<SignedUrl> {
    if (request.sha256 !== undefined) return this.signer.signPut(request);
    const slot = await this.options.immersity.uploadUrl({
      fileName: fileNameOf(request.key, request.contentType),
      ...(EXTENSIONS[request.contentType] ? { mediaType: request.contentType } : {}),
    });
    return { url: slot.url, headers: {}, expiresAt: slot.expiresAt };
  }

  /** Immersity's URLs cannot be signed again: the one on record, valid until it lapses. */
  async signGet(key: string): Promise<SignedUrl> {
    const record = await this.record(key);
    if (!record) throw new ApiError("not_found", "No object has this key.");
    return { url: record.url, headers: {}, expiresAt: new Date(record.expiresAt) };
  }
}

const storageError = (error: unknown, what: string) =>
  noAnswerError(error, {
    timedOut: `${what} within the time allowed (IMMERSITY_TIMEOUT_MS).`,
    unavailable: `${what}.`,
  });

const fileNameOf = (key: string, contentType: string) => `${key.split("/").pop()}${EXTENSIONS[contentType] ?? ""}`;
