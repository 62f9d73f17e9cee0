// The one storage interface every adapter implements. Keys are the backend's own, never a client's.
import type { z } from "zod";
import type { StorageKind } from "../../shared/api.js";
import type { ImageBytes } from "../image/inspect.js";
import type { ObjectSample } from "./object-sample.js";
import type { SigningKey } from "./url-signing.js";

export interface ObjectInfo {
  size: number;
  contentType: string;
}

export interface PutRequest {
  key: string;
  /** Exact, or "image/*" for a writer whose format we do not choose (Immersity's results). */
  contentType: string;
  /** The most a writer may send; with sha256 set the bytes are known, and this is their exact size. */
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

/** A small record's text and its version (an ETag), as the conditional writes below compare it. */
export interface VersionedText {
  text: string;
  etag: string;
}

export interface Storage {
  readonly kind: z.infer<typeof StorageKind>;
  head(key: string): Promise<ObjectInfo | null>;
  /** The object read once, as its checks need it (hash, size, first and last bytes); null when absent. */
  sample(key: string): Promise<ObjectSample | null>;
  /**
   * Once a writer (Immersity) has answered for a URL from signPut: the object as now stored, or
   * null. `reportedUrl` is where the writer says it can be read; only a storage that cannot sign
   * its own reads (Immersity's) keeps it.
   */
  confirmWrite(key: string, put: SignedUrl, reportedUrl: string): Promise<ObjectSample | null>;
  delete(key: string): Promise<void>;
  signPut(request: PutRequest): Promise<SignedUrl>;
  signGet(key: string, expiresInS: number): Promise<SignedUrl>;
  /**
   * The conditional writes instances coordinate through (jobs/result-lease.ts), on small JSON
   * records. Creates the record only when nothing has the key, atomically: of any number of
   * writers at once exactly one gets its version back, every other null.
   */
  createIfAbsent(key: string, text: string): Promise<string | null>;
  /**
   * Replaces the record only while its version is still `etag`: of two replacing the same version, one wins; null for
   * the other, or when it is gone.
   */
  replaceIfMatch(key: string, text: string, etag: string): Promise<string | null>;
  /** A record written by the two above, with its version; null when absent. Removed with delete(). */
  readVersioned(key: string): Promise<VersionedText | null>;
  /**
   * Present on the storages on this machine's disk, which nothing else tidies (housekeeping.ts runs
   * it): removes what has lapsed, and answers how many objects went. An object lapses `ttlMs`
   * (LOCAL_STORAGE_TTL_H) after it was written, unless its record says when (Immersity's index).
   */
  removeExpired?(ttlMs: number): Promise<number>;
  /**
   * Where the storage itself refuses, as an upload is written, bytes of another SHA-256 than the
   * one signed (local disk hashes the stream; S3 checks x-amz-checksum-sha256 and reports it): the
   * first and last bytes of an upload of `size` bytes that the storage vouches hash to `sha256`,
   * read without the rest, so verify-upload need not hash it again. Null when it cannot vouch for
   * them (or nothing is there): verify-upload then hashes the object, as it does on Azure (a SAS
   * fixes no hash).
   */
  checkedEnds?(key: string, sha256: string, size: number): Promise<ImageBytes | null>;
}

/** The limits a PUT to one of the backend's own storage URLs was signed with. */
export interface WriteLimits {
  contentType: string;
  maxSize: number;
  /** Empty when the bytes are not known before they come: a result Immersity writes. */
  sha256: string;
  /** The length the writer declared (Content-Length), when it did. */
  length?: number;
}

/** A storage whose upload URLs point at the backend itself, which receives the bytes (signed-url-routes.ts). */
export interface SelfServedStorage extends Storage {
  readonly signingKey: SigningKey;
  /** Takes a body sent to a signed PUT URL, enforcing its limits; nothing is kept when one is broken. */
  write(key: string, body: AsyncIterable<Uint8Array>, limits: WriteLimits): Promise<ObjectInfo>;
  /** Serves a signed GET URL: the object's bytes as a stream. Absent when reads go elsewhere. */
  openRead?(key: string): Promise<ReadableStream<Uint8Array>>;
}

export const servesOwnUrls = (storage: Storage): storage is SelfServedStorage => "signingKey" in storage;

/** Keys the backend builds: lowercase segments of [a-z0-9._-], never "." or ".." segments. */
export const STORAGE_KEY = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9._-]+)*$/;

export const uploadKey = (sha256: string) => `uploads/${sha256}`;
export const resultKey = (resultId: string) => `results/${resultId}`;
