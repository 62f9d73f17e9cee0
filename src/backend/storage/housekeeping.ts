// Storage on this machine's disk expires what it holds, so a backend left running never fills the
// disk: files older than an age, or records past their lapse, are removed at start and then periodically.
import { lstat, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../logger.js";
import { isMissing } from "./is-missing.js";

/** Everything under `dir`, folders too, as paths relative to it; none when it is not there (yet). */
export async function entriesUnder(dir: string): Promise<string[]> {
  try {
    return await readdir(dir, { recursive: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/**
 * Removes the files under `dir` last written before `cutoffMs`, of those `only` picks by their
 * relative path; answers their paths, relative to `dir` and with "/".
 */
export async function removeFilesOlderThan(
  dir: string,
  cutoffMs: number,
  only = (_entry: string) => true,
): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await entriesUnder(dir)) {
    if (!only(entry)) continue;
    const file = path.join(dir, entry);
    // A file may go between the listing and here (a request deleted it); that is no failure.
    const info = await lstat(file).catch(() => null);
    if (!info?.isFile() || info.mtimeMs >= cutoffMs) continue;
    await rm(file, { force: true });
    removed.push(entry.split(path.sep).join("/"));
  }
  return removed;
}

/** Often enough that nothing outlives its age by more than a quarter, and at least hourly. */
export const sweepIntervalMs = (maxAgeMs: number) => Math.min(maxAgeMs / 4, 3600_000);

export interface Sweeps {
  stop(): void;
}

/** Sweeps once now (awaited), then every sweepIntervalMs; a failed sweep is logged and the next one tries again. */
export async function startSweeps(sweep: () => Promise<number>, maxAgeMs: number, logger: Logger): Promise<Sweeps> {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= sweep()
      .then((removed) => {
        if (removed > 0) logger.info({ removed }, "storage: expired objects removed");
      })
      .catch((error: unknown) => logger.warn({ err: error }, "storage: sweeping expired objects failed"))
      .finally(() => {
        running = null;
      });
    return running;
  };
  await run();
  const timer = setInterval(run, sweepIntervalMs(maxAgeMs));
  // The sweeps never keep the process alive by themselves.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
