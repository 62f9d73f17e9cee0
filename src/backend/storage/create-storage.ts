// Chooses the storage adapter the configuration names, and builds it. The cloud SDKs are loaded only
// for the storage that uses them: together they weigh some 45 MB of memory.
import type { ImmersityClient } from "../immersity/client.js";
import type { UpstreamHttp } from "../upstream-http.js";
import type { AzureBlobOptions } from "./azure-blob-storage.js";
import { ImmersityStorage, type ImmersityStorageOptions } from "./immersity-storage.js";
import { LocalDiskStorage } from "./local-disk.js";
import type { S3Presigning } from "./s3-presign.js";
import type { S3Options } from "./s3-storage.js";
import type { Storage } from "./storage.js";

/** The storage part of the configuration (config.ts builds it from the environment). */
export type StorageConfig =
  | { kind: "local"; dir: string; signingSecret?: string }
  | ({ kind: "immersity"; dir: string; signingSecret?: string } & Pick<
      ImmersityStorageOptions,
      "timeoutMs" | "minValidityS"
    >)
  /**
   * Through the Worker's R2 binding; `s3` (R2's S3 endpoint and keys) for presigned URLs, else the Worker serves its
   * own.
   */
  | { kind: "r2"; s3?: Omit<S3Presigning, "now">; signingSecret?: string }
  | ({ kind: "s3" } & Omit<S3Options, "now">)
  | ({ kind: "azure" } & Omit<AzureBlobOptions, "now">);

export interface StorageDeps {
  /** Base of the URLs the backend serves itself. */
  publicUrl: string;
  immersity: ImmersityClient;
  /** For Immersity's storage. */
  http: UpstreamHttp;
  /** The clock URLs are signed with. */
  now?: () => number;
}

export async function createStorage(storage: StorageConfig, deps: StorageDeps): Promise<Storage> {
  const clock = deps.now ? { now: deps.now } : {};
  switch (storage.kind) {
    case "local":
      return LocalDiskStorage.open({
        dir: storage.dir,
        publicUrl: deps.publicUrl,
        ...secretOf(storage),
        ...clock,
      });
    case "s3":
      return new (await import("./s3-storage.js")).S3Storage({ ...storage, ...clock });
    case "azure":
      return new (await import("./azure-blob-storage.js")).AzureBlobStorage({
        ...storage,
        ...clock,
      });
    case "r2":
      throw new Error("R2 storage is built by the Workers entry (worker.ts) from its binding");
    case "immersity":
      return ImmersityStorage.open({
        dir: storage.dir,
        publicUrl: deps.publicUrl,
        ...secretOf(storage),
        immersity: deps.immersity,
        http: deps.http,
        timeoutMs: storage.timeoutMs,
        minValidityS: storage.minValidityS,
        ...clock,
      });
  }
}

const secretOf = (storage: { signingSecret?: string }) =>
  storage.signingSecret ? { secret: storage.signingSecret } : {};
