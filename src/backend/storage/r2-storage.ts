// Cloudflare R2 through the Worker's binding, in one of two modes:
//
// - presigned: with S3 credentials for the bucket (R2_ACCESS_KEY_ID and R2_SECRET_ACCESS_KEY), the
//   plugin and Immersity read and write through presigned S3 URLs of R2's endpoint, signed in the
//   Worker with aws4fetch, with the same signed headers as the S3 adapter;
// - self-served: without them, the Worker signs its own URLs (as local disk does) and serves them,
//   checking type, size and hash as the bytes stream into the binding.
//
// Everything else (head, reads, deletes, the conditional writes of the leases) goes through the
// binding, whose conditional put is R2's own (onlyIf).
import { OwnUrlSigner } from "./own-url-signer.js";
import { sampleStream, Sampler, type ObjectSample } from "./object-sample.js";
import { presignS3, type S3Presigning } from "./s3-presign.js";
import type {
  ObjectInfo,
  PutRequest,
  SelfServedStorage,
  SignedUrl,
  Storage,
  VersionedText,
  WriteLimits,
} from "./storage.js";
import { ApiError } from "../problem.js";

interface R2ObjectLike {
  size: number;
  etag: string;
  httpMetadata?: { contentType?: string };
}

/** What the adapter uses of an R2 binding: the Workers runtime's R2Bucket, or Miniflare's proxy of one in Node. */
export interface R2BucketLike {
  head(key: string): Promise<R2ObjectLike | null>;
  get(key: string): Promise<(R2ObjectLike & { body: ReadableStream<Uint8Array>; text(): Promise<string> }) | null>;
  put(
    key: string,
    value: ReadableStream<Uint8Array> | Uint8Array | string,
    options?: {
      onlyIf?: { etagMatches?: string; etagDoesNotMatch?: string };
      httpMetadata?: { contentType?: string };
      sha256?: string;
    },
  ): Promise<R2ObjectLike | null>;
  delete(key: string): Promise<void>;
}

/** The Workers runtime's stream of a known length, which R2's put needs for a body that is not a request's own. */
declare const FixedLengthStream: new (length: number) => TransformStream<Uint8Array, Uint8Array>;

export interface R2Options {
  bucket: R2BucketLike;
  /** For the presigned mode: R2's S3 endpoint, the bucket's name there, and the keys. */
  s3?: Omit<S3Presigning, "now">;
  now?: () => number;
}

export class R2Storage implements Storage {
  readonly kind = "r2" as const;
  protected readonly bucket: R2BucketLike;
  protected readonly now: () => number;

  constructor(private readonly options: R2Options) {
    this.bucket = options.bucket;
    this.now = options.now ?? Date.now;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const object = await this.bucket.head(key);
    return object && { size: object.size, contentType: object.httpMetadata?.contentType ?? "application/octet-stream" };
  }

  async sample(key: string): Promise<ObjectSample | null> {
    const object = await this.bucket.get(key);
    return object && sampleStream(object.body as unknown as AsyncIterable<Uint8Array>);
  }

  confirmWrite(key: string): Promise<ObjectSample | null> {
    return this.sample(key);
  }

  delete(key: string): Promise<void> {
    return this.bucket.delete(key);
  }

  async createIfAbsent(key: string, text: string): Promise<string | null> {
    const put = await this.bucket.put(key, text, RECORD(undefined));
    return put?.etag ?? null;
  }

  async replaceIfMatch(key: string, text: string, etag: string): Promise<string | null> {
    const put = await this.bucket.put(key, text, RECORD(etag));
    return put?.etag ?? null;
  }

  async readVersioned(key: string): Promise<VersionedText | null> {
    const object = await this.bucket.get(key);
    return object && { text: await object.text(), etag: object.etag };
  }

  signPut(request: PutRequest): Promise<SignedUrl> {
    const s3 = this.presigning();
    const headers: Record<string, string> = {};
    if (!request.contentType.endsWith("/*")) headers["content-type"] = request.contentType;
    if (request.sha256 !== undefined) {
      headers["x-amz-checksum-sha256"] = base64OfHex(request.sha256);
      // Signed, not handed out: every client sends it from the body, and R2 refuses another.
      return presignS3(s3, "PUT", request.key, request.expiresInS, headers, { "content-length": request.maxSize });
    }
    return presignS3(s3, "PUT", request.key, request.expiresInS, headers);
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return presignS3(this.presigning(), "GET", key, expiresInS, {});
  }

  private presigning(): S3Presigning {
    if (!this.options.s3) throw new Error("R2Storage: presigned URLs need the bucket's S3 credentials");
    return { ...this.options.s3, now: this.now };
  }
}

/** A lease record's put: created only when absent (no etag), or replaced only while it has `etag`. */
const RECORD = (etag: string | undefined) => ({
  onlyIf: etag === undefined ? { etagDoesNotMatch: "*" } : { etagMatches: etag },
  httpMetadata: { contentType: "application/json" },
});

const base64OfHex = (hex: string) => btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => parseInt(h, 16))));

/** R2 without S3 credentials: the Worker signs and serves its own storage URLs. */
export class R2SelfServedStorage extends R2Storage implements SelfServedStorage {
  private constructor(
    options: R2Options,
    private readonly signer: OwnUrlSigner,
  ) {
    super(options);
  }

  static async open(options: R2Options & { publicUrl: string; secret: string }): Promise<R2SelfServedStorage> {
    const signer = await OwnUrlSigner.open({ dir: "", ...options });
    return new R2SelfServedStorage(options, signer);
  }

  get signingKey() {
    return this.signer.signingKey;
  }

  override signPut(request: PutRequest): Promise<SignedUrl> {
    return this.signer.signPut(request);
  }

  override signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return this.signer.signGet(key, expiresInS);
  }

  /** R2 keeps a put whole or not at all: a body refused midway (size, hash) leaves nothing. */
  async write(key: string, body: AsyncIterable<Uint8Array>, limits: WriteLimits): Promise<ObjectInfo> {
    // Known bytes have their exact size; anything else needs its declared length, as an S3 PUT does.
    const length = limits.sha256 ? limits.maxSize : limits.length;
    if (length === undefined) throw new ApiError("invalid_request", "Send the body with a Content-Length header.");
    const sampler = new Sampler({ maxSize: limits.maxSize, ...(limits.sha256 ? { sha256: limits.sha256 } : {}) });
    if (typeof FixedLengthStream === "undefined") {
      // Outside workerd (Node, through Miniflare's proxy of the binding) a body of known length is whole bytes.
      const bytes = new Uint8Array(await new Response(streamOf(sampler.pass(body))).arrayBuffer());
      await this.bucket.put(key, bytes, { httpMetadata: { contentType: limits.contentType } });
      return { size: sampler.sample.size, contentType: limits.contentType };
    }
    const fixed = new FixedLengthStream(length);
    let refused: unknown = null;
    const piped = streamOf(sampler.pass(body))
      .pipeTo(fixed.writable)
      .catch((error: unknown) => {
        refused = error;
      });
    try {
      await this.bucket.put(key, fixed.readable, { httpMetadata: { contentType: limits.contentType } });
    } catch (error) {
      await piped;
      // The sampler's refusal (too many bytes, another hash) is what ended the put.
      throw refused ?? error;
    }
    await piped;
    if (refused) throw refused;
    return { size: sampler.sample.size, contentType: limits.contentType };
  }

  async openRead(key: string): Promise<ReadableStream<Uint8Array>> {
    // Removed since the caller's head(): a lease's cleanup or a lifecycle rule.
    const object = await this.bucket.get(key);
    if (!object) throw new ApiError("not_found", "No object has this key.");
    return object.body;
  }
}

function streamOf(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await chunks.return(reason);
    },
  });
}
