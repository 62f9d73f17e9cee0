// Chooses the storage adapter the configuration names, and builds it.
import type { BackendConfig } from "../config.js";
import type { ImmersityClient } from "../immersity/client.js";
import { AzureBlobStorage } from "./azure-blob-storage.js";
import { ImmersityStorage } from "./immersity-storage.js";
import { LocalDiskStorage } from "./local-disk.js";
import { S3Storage } from "./s3-storage.js";
import type { Storage } from "./storage.js";

export interface StorageDeps {
  /** Base of the URLs the backend serves itself. */
  publicUrl: string;
  immersity: ImmersityClient;
  /** For Immersity's storage. */
  fetch: typeof fetch;
  /** The clock URLs are signed with. */
  now?: () => number;
}

export function createStorage(config: BackendConfig, deps: StorageDeps): Promise<Storage> {
  const { storage } = config;
  const clock = deps.now ? { now: deps.now } : {};
  switch (storage.kind) {
    case "local":
      return LocalDiskStorage.open({ dir: storage.dir, publicUrl: deps.publicUrl, ...secretOf(storage), ...clock });
    case "s3":
      return Promise.resolve(new S3Storage({ ...storage, ...clock }));
    case "azure":
      return Promise.resolve(new AzureBlobStorage({ ...storage, ...clock }));
    case "immersity":
      return ImmersityStorage.open({
        dir: storage.dir,
        publicUrl: deps.publicUrl,
        ...secretOf(storage),
        immersity: deps.immersity,
        fetch: deps.fetch,
        minValidityS: Math.max(config.resultUrlTtlS, config.upstreamUrlTtlS),
        ...clock,
      });
  }
}

const secretOf = (storage: { signingSecret?: string }) => (storage.signingSecret ? { secret: storage.signingSecret } : {});
