// Chooses the storage adapter the configuration names, and builds it. The cloud SDKs are loaded only
// for the storage that uses them: together they weigh some 45 MB of memory.
import type { BackendConfig } from "../config.js";
import type { ImmersityClient } from "../immersity/client.js";
import type { UpstreamHttp } from "../upstream-http.js";
import { ImmersityStorage } from "./immersity-storage.js";
import { LocalDiskStorage } from "./local-disk.js";
import type { Storage } from "./storage.js";

export interface StorageDeps {
  /** Base of the URLs the backend serves itself. */
  publicUrl: string;
  immersity: ImmersityClient;
  /** For Immersity's storage. */
  http: UpstreamHttp;
  /** The clock URLs are signed with. */
  now?: () => number;
}

export async function createStorage(config: BackendConfig, deps: StorageDeps): Promise<Storage> {
  const { storage } = config;
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
        timeoutMs: config.immersity.timeoutMs,
        minValidityS: Math.max(config.resultUrlTtlS, config.upstreamUrlTtlS),
        ...clock,
      });
  }
}

const secretOf = (storage: { signingSecret?: string }) =>
  storage.signingSecret ? { secret: storage.signingSecret } : {};
