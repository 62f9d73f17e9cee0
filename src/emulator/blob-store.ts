// Immersity's own storage, emulated in memory: get-upload-url hands out a PUT URL valid 24 hours,
// and an object written through it is read back through a separate GET URL.
export interface Blob {
  bytes: Uint8Array;
  contentType: string;
}

interface Slot {
  putToken: string;
  getToken: string;
  expires: number;
  blob?: Blob;
}

export const BLOB_PREFIX = "/storage/";
const TTL_MS = 24 * 3600 * 1000;
const MAX_BLOBS = 2000;

const randomToken = () => crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().replaceAll("-", "");

export class BlobStore {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly baseUrl: () => string) {}

  create(fileName = "file", now = Date.now()): { putUrl: string; getUrl: string; expires: Date } {
    this.sweep(now);
    const safeName = encodeURIComponent(fileName.replace(/[^\w.-]/g, "_")).slice(0, 100) || "file";
    const id = `${crypto.randomUUID()}/${safeName}`;
    const slot: Slot = { putToken: randomToken(), getToken: randomToken(), expires: now + TTL_MS };
    this.slots.set(id, slot);
    return { ...this.urls(id, slot), expires: new Date(slot.expires) };
  }

  private urls(id: string, slot: Slot) {
    const base = `${this.baseUrl()}${BLOB_PREFIX}${id}`;
    return { putUrl: `${base}?token=${slot.putToken}`, getUrl: `${base}?token=${slot.getToken}` };
  }

  /** The slot a URL of this store names, and whether the URL grants PUT or GET; null otherwise. */
  resolve(url: URL, now = Date.now()): { id: string; access: "put" | "get" } | null {
    if (!url.href.startsWith(this.baseUrl() + BLOB_PREFIX)) return null;
    const id = decodeURIComponent(url.pathname.slice(BLOB_PREFIX.length));
    const slot = this.slots.get(id);
    const token = url.searchParams.get("token");
    if (!slot || !token || slot.expires < now) return null;
    if (token === slot.putToken) return { id, access: "put" };
    if (token === slot.getToken) return { id, access: "get" };
    return null;
  }

  getUrlOf(id: string): string | null {
    const slot = this.slots.get(id);
    return slot ? this.urls(id, slot).getUrl : null;
  }

  write(id: string, blob: Blob): void {
    const slot = this.slots.get(id);
    if (slot) slot.blob = blob;
  }

  read(id: string): Blob | undefined {
    return this.slots.get(id)?.blob;
  }

  private sweep(now: number): void {
    for (const [id, slot] of this.slots) if (slot.expires < now) this.slots.delete(id);
    // Oldest first: Map keeps insertion order.
    for (const id of this.slots.keys()) {
      if (this.slots.size < MAX_BLOBS) break;
      this.slots.delete(id);
    }
  }
}
