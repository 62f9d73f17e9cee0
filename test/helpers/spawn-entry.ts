// Runs an entry in a child process: TypeScript through tsx, compiled JavaScript with plain Node. Kept
// apart from the stack helpers so a test that only spawns never loads the servers' modules into its
// own process.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export interface SpawnedEntry {
  firstLine: string;
  pid: number;
  /** Every line it has printed so far, the first included. */
  lines: string[];
  /** SIGTERM, then its exit code once it has exited (null when a signal ended it). */
  stop(): Promise<number | null>;
}

/**
 * Runs an entry (a path, or relative to this folder) in a child process; answers once it has
 * printed its first line.
 */
export async function spawnEntry(entry: string, env: Record<string, string> = {}): Promise<SpawnedEntry> {
  const file = new URL(entry, import.meta.url).pathname;
  const child = spawn(process.execPath, file.endsWith(".ts") ? ["--import", "tsx", file] : [file], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // "close" rather than "exit": by then every line it printed has been read.
  const exited = once(child, "close").then(() => child.exitCode);
  const lines: string[] = [];
  const output = createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolve, reject) => {
    output.on("line", (line) => {
      lines.push(line);
      if (lines.length === 1) resolve(line);
    });
    output.once("close", () => reject(new Error(`${entry} exited before printing anything`)));
  });
  return {
    firstLine,
    pid: child.pid!,
    lines,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
