// Small JSON records kept by storage key, one file each under a folder; each is written whole to a
// temporary file and renamed into place, so a reader never sees half a record.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ApiError } from "../problem.js";
import { isMissing } from "./is-missing.js";
import { STORAGE_KEY } from "./storage.js";

export class JsonRecords<T> {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    // The key pattern forbids traversal, so every record stays inside the folder.
    if (!STORAGE_KEY.test(key)) throw new ApiError("not_found", "No object has this key.");
    return path.join(this.dir, `${key}.json`);
  }

  async get(key: string): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file(key), "utf8")) as T;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async put(key: string, record: T): Promise<void> {
    const file = this.file(key);
    const tmp = path.join(this.dir, `.tmp-${randomUUID()}`);
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
}
