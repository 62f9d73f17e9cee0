// Azure Blob storage through SAS URLs. A SAS grants an operation on one blob until a time, but it
// cannot fix the type, size or hash of what is written: the backend checks the stored upload
// before any credit is spent (jobs/verify-upload.ts), and removes bytes it refuses.
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
  type ContainerClient,
} from "@azure/storage-blob";
import { sampleStream, type ObjectSample } from "./object-sample.js";
import type { ObjectInfo, PutRequest, SignedUrl, Storage, VersionedText } from "./storage.js";
import { lostCondition, sdkCall } from "./sdk-call.js";

export interface AzureBlobOptions {
  account: string;
  accountKey: string;
  container: string;
  /** The account's blob endpoint, e.g. https://<account>.blob.core.windows.net. */
  endpoint: string;
  now?: () => number;
}

export class AzureBlobStorage implements Storage {
  readonly kind = "azure" as const;
  private readonly credential: StorageSharedKeyCredential;
  private readonly container: ContainerClient;
  private readonly protocol: SASProtocol;
  private readonly now: () => number;

  constructor(options: AzureBlobOptions) {
    this.credential = new StorageSharedKeyCredential(options.account, options.accountKey);
    this.container = new BlobServiceClient(options.endpoint, this.credential).getContainerClient(options.container);
    // Plain HTTP only for an endpoint that is itself plain HTTP (Azurite on a developer's machine).
    this.protocol = options.endpoint.startsWith("https:") ? SASProtocol.Https : SASProtocol.HttpsAndHttp;
    this.now = options.now ?? Date.now;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const properties = await sdkCall("Azure Blob", "GetProperties", () =>
      this.container.getBlockBlobClient(key).getProperties(),
    );
    return (
      properties && {
        size: properties.contentLength ?? 0,
        contentType: properties.contentType ?? "application/octet-stream",
      }
    );
  }

  sample(key: string): Promise<ObjectSample | null> {
    return sdkCall("Azure Blob", "Download", async () => {
      const download = await this.container.getBlockBlobClient(key).download();
      return sampleStream(download.readableStreamBody as AsyncIterable<Uint8Array>);
    });
  }

  confirmWrite(key: string): Promise<ObjectSample | null> {
    return this.sample(key);
  }

  async delete(key: string): Promise<void> {
    await sdkCall("Azure Blob", "Delete", () => this.container.getBlockBlobClient(key).deleteIfExists());
  }

  /** Put Blob with If-None-Match: * (409 BlobAlreadyExists when it exists) or If-Match (412 ConditionNotMet). */
  createIfAbsent(key: string, text: string): Promise<string | null> {
    return this.putRecord(key, text, { ifNoneMatch: "*" });
  }

  replaceIfMatch(key: string, text: string, etag: string): Promise<string | null> {
    return this.putRecord(key, text, { ifMatch: etag });
  }

  private async putRecord(
    key: string,
    text: string,
    conditions: { ifNoneMatch: string } | { ifMatch: string },
  ): Promise<string | null> {
    const bytes = Buffer.from(text);
    const answer = await lostCondition(
      sdkCall("Azure Blob", "Upload", () =>
        this.container.getBlockBlobClient(key).upload(bytes, bytes.length, {
          conditions,
          blobHTTPHeaders: { blobContentType: "application/json" },
        }),
      ),
    );
    return answer?.etag ?? null;
  }

  readVersioned(key: string): Promise<VersionedText | null> {
    return sdkCall("Azure Blob", "Download", async () => {
      const download = await this.container.getBlockBlobClient(key).download();
      const chunks: Uint8Array[] = [];
      for await (const chunk of download.readableStreamBody as AsyncIterable<Uint8Array>) chunks.push(chunk);
      return { text: Buffer.concat(chunks).toString("utf8"), etag: download.etag! };
    });
  }

  signPut(request: PutRequest): Promise<SignedUrl> {
    // Without x-ms-blob-type Azure answers 400; the type is sent so the stored blob has it, not
    // because the SAS fixes it.
    const headers: Record<string, string> = { "x-ms-blob-type": "BlockBlob" };
    if (!request.contentType.endsWith("/*")) headers["content-type"] = request.contentType;
    return Promise.resolve(this.sign(request.key, "cw", request.expiresInS, headers));
  }

  signGet(key: string, expiresInS: number): Promise<SignedUrl> {
    return Promise.resolve(this.sign(key, "r", expiresInS, {}));
  }

  private sign(key: string, permissions: "cw" | "r", expiresInS: number, headers: Record<string, string>): SignedUrl {
    const expiresOn = new Date(this.now() + expiresInS * 1000);
    const sas = generateBlobSASQueryParameters(
      {
        containerName: this.container.containerName,
        blobName: key,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn,
        protocol: this.protocol,
      },
      this.credential,
    );
    return { url: `${this.container.getBlockBlobClient(key).url}?${sas.toString()}`, headers, expiresAt: expiresOn };
  }
}
