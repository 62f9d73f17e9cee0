// Runs a TypeScript entry in a child process. Kept apart from the stack helpers so a test that only
// spawns never loads the servers' modules into its own process.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

/** Runs a TypeScript entry in a child process; answers its first line of output and a stop(). */
export async function spawnEntry(entry: string, env: Record<string, string> = {}): Promise<{ firstLine: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL(entry, import.meta.url).pathname], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [firstLine] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return {
    firstLine,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

