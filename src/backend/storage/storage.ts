// The one storage interface every adapter implements. Keys are the backend's own, never a client's.
import type { z } from "zod";
import type { StorageKind } from "../../shared/api.js";

export interface ObjectInfo {
  size: number;
  contentType: string;
}

export interface PutRequest {
  key: string;
  contentType: string;
  /** Exact size for uploads whose size is known, or the most a writer may send. */
  maxSize: number;
  /** When set, the storage refuses bytes with another SHA-256 (hex). */
  sha256?: string;
  expiresInS: number;
}

export interface SignedUrl {
  url: string;
  /** Headers the client must send with the request. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface Storage {
  readonly kind: z.infer<typeof StorageKind>;
  head(key: string): Promise<ObjectInfo | null>;
  /** The whole object; callers check the size with head() first. */
  read(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
  signPut(request: PutRequest): Promise<SignedUrl>;
  signGet(key: string, expiresInS: number): Promise<SignedUrl>;
}

/** Keys the backend builds: lowercase segments of [a-z0-9._-], never "." or ".." segments. */
export const STORAGE_KEY = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9._-]+)*$/;

export const uploadKey = (sha256: string) => `uploads/${sha256}`;
export const resultKey = (resultId: string) => `results/${resultId}`;
