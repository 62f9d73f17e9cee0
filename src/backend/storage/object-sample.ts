// What the checks read of a stored object, taken in one pass over its bytes without keeping them:
// the SHA-256, the size, and the first and last bytes (an image's header and its end).
import { createHash } from "node:crypto";
import type { ImageBytes } from "../image/inspect.js";
import { ApiError } from "../problem.js";

export interface ObjectSample extends ImageBytes {
  /** Lowercase hex. */
  sha256: string;
}

/** Room for a JPEG's metadata segments before its size header. */
export const SAMPLE_HEAD_BYTES = 256 * 1024;
export const SAMPLE_TAIL_BYTES = 4 * 1024;

export interface SampleLimits {
  /** More bytes than this are refused as they arrive. */
  maxSize?: number;
  /** When set, the last chunk is passed on only once the bytes are known to have this SHA-256. */
  sha256?: string;
}

export class Sampler {
  private readonly hash = createHash("sha256");
  private size = 0;
  private head: Uint8Array = new Uint8Array(0);
  private tail: Uint8Array = new Uint8Array(0);
  private result: ObjectSample | null = null;

  constructor(private readonly limits: SampleLimits = {}) {}

  /**
   * Passes the chunks on while sampling them. Holding the last chunk back until the hash is checked
   * means a writer downstream never receives a complete body with the wrong bytes.
   */
  async *pass(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let held: Uint8Array | null = null;
    for await (const chunk of source) {
      this.add(chunk);
      if (held) yield held;
      held = chunk;
    }
    const sample = this.finish();
    if (this.limits.sha256 !== undefined && sample.sha256 !== this.limits.sha256) {
      throw new ApiError("image_hash_mismatch", "The body's SHA-256 is not the one signed into the URL.");
    }
    if (held) yield held;
  }

  /** The sample, once pass() has run to its end. */
  get sample(): ObjectSample {
    if (!this.result) throw new Error("Sampler: the stream has not been read to its end");
    return this.result;
  }

  private add(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.limits.maxSize !== undefined && this.size > this.limits.maxSize) {
      throw new ApiError("payload_too_large", `The body is over the signed size of ${this.limits.maxSize} bytes.`);
    }
    this.hash.update(chunk);
    if (this.head.length < SAMPLE_HEAD_BYTES)
      this.head = concat(this.head, chunk.subarray(0, SAMPLE_HEAD_BYTES - this.head.length));
    const joined = concat(this.tail, chunk.subarray(Math.max(0, chunk.length - SAMPLE_TAIL_BYTES)));
    this.tail = copy(joined.subarray(Math.max(0, joined.length - SAMPLE_TAIL_BYTES)));
  }

  private finish(): ObjectSample {
    this.result = { sha256: this.hash.digest("hex"), size: this.size, head: this.head, tail: this.tail };
    return this.result;
  }
}

/** Reads a whole stream (or the chunks at hand) for its sample. */
export async function sampleStream(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<ObjectSample> {
  const sampler = new Sampler();
  for await (const chunk of sampler.pass(source)) void chunk;
  return sampler.sample;
}

/**
 * An object's first and last bytes, as a sample holds them, from reads at a position: for a storage
 * that has already checked the object's hash, so the rest need not be read.
 */
export async function readEnds(
  size: number,
  read: (position: number, length: number) => Promise<Uint8Array>,
): Promise<ImageBytes> {
  const head = await read(0, Math.min(size, SAMPLE_HEAD_BYTES));
  const tail =
    size <= SAMPLE_HEAD_BYTES
      ? head.subarray(Math.max(0, head.length - SAMPLE_TAIL_BYTES))
      : await read(size - SAMPLE_TAIL_BYTES, SAMPLE_TAIL_BYTES);
  return { size, head, tail };
}

// Copies, never views: a chunk may be a slice of a much larger buffer that should not be kept alive.
const copy = (bytes: Uint8Array) => new Uint8Array(bytes);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return copy(b);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
