// The storage contract's conditional writes on this machine's disk (local disk, and Immersity's
// storage, whose index is here): an exclusive create, and a replace that only one of several
// instances sharing the folder wins. A record's version is the SHA-256 of its text.
import { createHash, randomUUID } from "node:crypto";
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ApiError } from "../problem.js";
import { isMissing } from "./is-missing.js";
import { STORAGE_KEY, type VersionedText } from "./storage.js";

const versionOf = (text: string) => `"${createHash("sha256").update(text).digest("hex")}"`;

const exists = (error: unknown) => (error as NodeJS.ErrnoException)?.code === "EEXIST";

export class ConditionalFiles {
  /**
   * @param dir where a key's file is, named `<key><suffix>`
   * @param tmpFile a new temporary file's path, on the same file system, where the folder's sweep removes leftovers
   */
  constructor(
    private readonly dir: string,
    private readonly suffix: string,
    private readonly tmpFile: () => string,
  ) {}

  private file(key: string): string {
    // The key pattern forbids traversal, so every record stays inside the folder.
    if (!STORAGE_KEY.test(key)) throw new ApiError("not_found", "No object has this key.");
    return path.join(this.dir, `${key}${this.suffix}`);
  }

  async readVersioned(key: string): Promise<VersionedText | null> {
    try {
      const text = await readFile(this.file(key), "utf8");
      return { text, etag: versionOf(text) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async createIfAbsent(key: string, text: string): Promise<string | null> {
    const file = this.file(key);
    const tmp = this.tmpFile();
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await writeFile(tmp, text, { flag: "wx" });
      // A hard link is an exclusive create of a file already whole: no reader sees half a record.
      await link(tmp, file);
      return versionOf(text);
    } catch (error) {
      if (exists(error)) return null;
      throw error;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async replaceIfMatch(key: string, text: string, etag: string): Promise<string | null> {
    const current = await this.readVersioned(key);
    if (current?.etag !== etag) return null;
    // Moved aside first: of two instances replacing the same version, only one rename finds it.
    const file = this.file(key);
    const aside = this.tmpFile();
    try {
      await rename(file, aside);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      if (versionOf(await readFile(aside, "utf8")) !== etag) {
        // Another replaced it between the read and the rename: its record goes back.
        await link(aside, file).catch((error: unknown) => {
          if (!exists(error)) throw error;
        });
        return null;
      }
    } finally {
      await rm(aside, { force: true });
    }
    return this.createIfAbsent(key, text);
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/** A temporary file's path in `dir`, named so that its sweep knows it. */
export const tmpIn =
  (dir: string, prefix = "") =>
  () =>
    path.join(dir, `${prefix}${randomUUID()}`);
