// Small JSON records kept by storage key, one file each under a folder; each is written whole to a
// temporary file and renamed into place, so a reader never sees half a record.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ApiError } from "../problem.js";
import { entriesUnder, removeFilesOlderThan } from "./housekeeping.js";
import { isMissing } from "./is-missing.js";
import { STORAGE_KEY } from "./storage.js";

export const TMP_PREFIX = ".tmp-";
/** A write takes milliseconds; a temporary file this old was left by a crash. */
const BROKEN_WRITE_AGE_MS = 3600_000;

export class JsonRecords<T> {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    // The key pattern forbids traversal, so every record stays inside the folder.
    if (!STORAGE_KEY.test(key)) throw new ApiError("not_found", "No object has this key.");
    return path.join(this.dir, `${key}.json`);
  }

  private async text(key: string): Promise<string | null> {
    try {
      return await readFile(this.file(key), "utf8");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async get(key: string): Promise<T | null> {
    const text = await this.text(key);
    return text === null ? null : (JSON.parse(text) as T);
  }

  async put(key: string, record: T): Promise<void> {
    const file = this.file(key);
    const tmp = path.join(this.dir, `${TMP_PREFIX}${randomUUID()}`);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await writeFile(tmp, JSON.stringify(record));
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  /** The keys of the records there are; one may be deleted before it is read. */
  private async keys(): Promise<string[]> {
    const files = (await entriesUnder(this.dir)).filter((entry) => entry.endsWith(".json"));
    const keys = files.map((file) => file.slice(0, -".json".length).split(path.sep).join("/"));
    // Anything else put in the folder is no record of ours.
    return keys.filter((key) => STORAGE_KEY.test(key));
  }

  /** Removes the records `lapsed` picks, and any that is no record at all (not JSON); answers how many went. */
  async removeWhere(lapsed: (record: T) => boolean): Promise<number> {
    let removed = 0;
    for (const key of await this.keys()) {
      const text = await this.text(key);
      // Deleted since the listing: nothing is left to remove.
      if (text === null) continue;
      const record = parsed<T>(text);
      if (record !== null && !lapsed(record)) continue;
      await this.delete(key);
      removed++;
    }
    return removed;
  }

  /** Removes the temporary files that writes broken off an hour or more before `now` left. */
  async removeBrokenWrites(now: number): Promise<void> {
    // Only at the top: a record's own name may begin with the prefix further down.
    await removeFilesOlderThan(this.dir, now - BROKEN_WRITE_AGE_MS, (entry) => entry.startsWith(TMP_PREFIX));
  }
}

/** The record in `text`, or null when it holds none (not JSON, or JSON null). */
function parsed<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T | null;
  } catch {
    return null;
  }
}
