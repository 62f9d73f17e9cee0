// S3-compatible storage (AWS S3, Cloudflare R2, MinIO, any endpoint) through presigned URLs. An
// upload URL has the content type, the length and the SHA-256 signed in, so the bucket itself
// refuses other bytes; Immersity's result URL has none of them (its format and size are not ours
// to choose), and the result is checked after it is written.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { ImageBytes } from "../image/inspect.js";
import { readEnds, sampleStream, type ObjectSample } from "./object-sample.js";
import type { ObjectInfo, PutRequest, SignedUrl, Storage, VersionedText } from "./storage.js";
import { lostCondition, sdkCall, StorageFailure } from "./sdk-call.js";

export interface S3Options {
  bucket: string;
  region: string;
  /** For anything but AWS S3 itself, e.g. https://<account>.r2.cloudflarestorage.com. */
  endpoint?: string;
  /** Bucket in the path rather than the host name; needed for an endpoint on localhost or an IP. */
  forcePathStyle: boolean;
  /** Without them the SDK's default chain applies (AWS_* variables, an instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  now?: () => number;
}

// The checksum stays a header (not hoisted into the query), so the bucket checks the bytes against it.
const HEADER_ONLY = new Set(["x-amz-checksum-sha256"]);

const isExactType = (contentType: string) => !contentType.endsWith("/*");

export class S3Storage implements Storage {
  readonly kind = "s3" as const;
  private readonly client: S3Client;
  private readonly now: () => number;

  constructor(private readonly options: S3Options) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // The SDK's default adds a CRC32 of an empty body to presigned URLs, and S3, R2 and MinIO then
      // refuse every upload.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    this.now = options.now ?? Date.now;
  }

  private object(key: string) {
    return { Bucket: this.options.bucket, Key: key };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const answer = await sdkCall("S3", "HeadObject", () => this.client.send(new HeadObjectCommand(this.object(key))));
    return answer && { size: answer.ContentLength ?? 0, contentType: answer.ContentType ?? "application/octet-stream" };
  }

  sample(key: string): Promise<ObjectSample | null> {
    return sdkCall("S3", "GetObject", async () => {
      const answer = await this.client.send(new GetObjectCommand(this.object(key)));
      return sampleStream(answer.Body as AsyncIterable<Uint8Array>);
    });
  }

  /**
   * The bucket checked an upload's bytes against the x-amz-checksum-sha256 signed into its URL, and
   * reports the checksum it stored: when that is the claimed one, two ranged reads of the ends do.
   * A server that reports none (s3rver) leaves the hashing to verify-upload.
   */
  async checkedEnds(key: string, sha256: string, size: number): Promise<ImageBytes | null> {
    const answer = await sdkCall("S3", "HeadObject", () =>
      this.client.send(new HeadObjectCommand({ ...this.object(key), ChecksumMode: "ENABLED" })),
    );
    if (answer?.ChecksumSHA256 !== Buffer.from(sha256, "hex").toString("base64")) return null;
    return readEnds(size, async (position, length) => {
      const range = `bytes=${position}-${position + length - 1}`;
      const part = await sdkCall("S3", "GetObject", async () => {
        const got = await this.client.send(new GetObjectCommand({ ...this.object(key), Range: range }));
        return got.Body!.transformToByteArray();
      });
      if (!part) throw new StorageFailure("S3 GetObject failed (the upload went while it was read)");
      return part;
    });
  }

  confirmWrite(key: string): Promise<ObjectSample | null> {
    return this.sample(key);
  }

  async delete(key: string): Promise<void> {
    await sdkCall("S3", "DeleteObject", () => this.client.send(new DeleteObjectCommand(this.object(key))));
  }

  /**
   * PutObject with If-None-Match: * (S3 since 2024, R2, MinIO): 412 when the key exists, 409 when another conditional
   * write raced it.
   */
  createIfAbsent(key: string, text: string): Promise<string | null> {
    return this.putRecord(key, text, { IfNoneMatch: "*" });
  }

  replaceIfMatch(key: string, text: string, etag: string): Promise<string | null> {
    return this.putRecord(key, text, { IfMatch: etag });
  }

  private async putRecord(
    key: string,
    text: string,
    condition: { IfNoneMatch: string } | { IfMatch: string },
  ): Promise<string | null> {
    const put = new PutObjectCommand({
      ...this.object(key),
      Body: text,
      ContentType: "application/json",
      ...condition,
    });
    const answer = await lostCondition(sdkCall("S3", "PutObject", () => this.client.send(put)));
    return answer?.ETag ?? null;
  }

  readVersioned(key: string): Promise<VersionedText | null> {
    return sdkCall("S3", "GetObject", async () => {
      const answer = await this.client.send(new GetObjectCommand(this.object(key)));
      return { text: await answer.Body!.transformToString(), etag: answer.ETag! };
    });
  }

  async signPut(request: PutRequest): Promise<SignedUrl> {
    const headers: Record<string, string> = {};
    if (isExactType(request.contentType)) headers["content-type"] = request.contentType;
    const checksum = request.sha256 === undefined ? undefined : Buffer.from(request.sha256, "hex").toString("base64");
    if (checksum) headers["x-amz-checksum-sha256"] = checksum;
    const command = new PutObjectCommand({
      ...this.object(request.key),
      ...(headers["content-type"] ? { ContentType: headers["content-type"] } : {}),
      ...(checksum ? { ContentLength: request.maxSize, ChecksumSHA256: checksum } : {}),
    });
    // Signed: the headers handed out, which the client must send with these exact values, and with
    // the bytes known, their length (every client sends it from the body). Nothing else is fixed.
    const signed = new Set(Object.keys(headers));
    if (checksum) signed.add("content-length");
    return this.presign(command, request.expiresInS, headers, signed);
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return this.presign(new GetObjectCommand(this.object(key)), expiresInS, {}, new Set());
  }

  private async presign(
    command: PutObjectCommand | GetObjectCommand,
    expiresInS: number,
    headers: Record<string, string>,
    signableHeaders: Set<string>,
  ): Promise<SignedUrl> {
    const signingDate = new Date(this.now());
    const url = await getSignedUrl(this.client, command, {
      expiresIn: expiresInS,
      signingDate,
      signableHeaders,
      unhoistableHeaders: HEADER_ONLY,
    });
    return { url, headers, expiresAt: new Date(signingDate.getTime() + expiresInS * 1000) };
  }
}
