// `npm run start:workers`: the backend on workerd (wrangler's local mode, src/backend/worker.ts)
// with a local R2 bucket, and the Immersity emulator beside it unless Immersity credentials are set.
// Prints the backend's address first, as `npm start` does. The Worker's configuration is the same
// environment variables, handed to wrangler as secrets in a file only this user can read (wrangler
// prints plain vars in its bindings table); the R2 bucket and that file live in
// STORAGE_DIR/workers (.depthframe/workers by default).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { BackendEnv } from "../src/shared/env.js";
import { exitOnSignals } from "../src/shared/exit-on-signals.js";
import { emulatorUnlessCredentials, immersityLine } from "./local-emulator.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WRANGLER = path.join(root, "node_modules", ".bin", "wrangler");

/** A free port on 127.0.0.1 for PORT=0: wrangler takes a fixed one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Kept in the state folder, so that URLs signed before a restart stay valid. */
async function signingSecret(dir: string): Promise<string> {
  const file = path.join(dir, "signing-secret");
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim()) return existing.trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const env: Record<string, string | undefined> = { ...process.env };
  const stateDir = path.resolve(path.join(env.STORAGE_DIR || ".depthframe", "workers"));
  await mkdir(stateDir, { recursive: true });
  const local = await emulatorUnlessCredentials(env);
  if (!env.S3_ACCESS_KEY_ID && !env.STORAGE_SIGNING_SECRET) env.STORAGE_SIGNING_SECRET = await signingSecret(stateDir);
  // The backend's own variables only, set and not empty (empty counts as unset, as for npm start).
  const names = Object.keys(BackendEnv.shape).filter((name) => !["HOST", "PORT", "STORAGE_DIR"].includes(name));
  const lines = names.flatMap((name) => (env[name] ? [`${name}=${JSON.stringify(env[name])}`] : []));
  const envFile = path.join(stateDir, "worker.env");
  await writeFile(envFile, `${lines.join("\n")}\n`, { mode: 0o600 });

  const port = Number(env.PORT ?? 8787) || (await freePort());
  const host = env.HOST || "127.0.0.1";
  const args = ["dev", "--local", "--ip", host, "--port", String(port), "--inspector-port", "0"];
  args.push("--persist-to", path.join(stateDir, "state"), "--env-file", envFile);
  args.push("--show-interactive-dev-session=false", "--config", path.join(root, "wrangler.toml"));
  const wrangler = spawn(WRANGLER, args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => wrangler.once("exit", (code) => resolve(code)));
  const banner: string[] = [];
  let url = "";
  await new Promise<void>((resolve, reject) => {
    const output = createInterface({ input: wrangler.stdout });
    output.on("line", (line) => {
      if (url) return void console.log(line);
      banner.push(line);
      url = /Ready on (http:\/\/\S+)/.exec(line)?.[1] ?? "";
      if (url) resolve();
    });
    createInterface({ input: wrangler.stderr }).on("line", (line) => (url ? console.error(line) : banner.push(line)));
    void exited.then((code) =>
      reject(new Error(`wrangler dev exited (${code}) before it was ready:\n${banner.join("\n")}`)),
    );
  });

  console.log(
    [
      `Depthframe backend   ${url}  (health: ${url}/v1/health, API: ${url}/v1/openapi.json)`,
      `Runtime              Cloudflare Workers on workerd (wrangler dev, local mode)`,
      `Storage              local R2 bucket in ${path.join(stateDir, "state")}; the Worker serves its own storage URLs`,
      immersityLine(local?.emulator, env.IMMERSITY_API_URL ?? "https://api.immersity.ai"),
    ].join("\n"),
  );

  exitOnSignals(async () => {
    wrangler.kill("SIGTERM");
    await exited;
    await local?.emulator.close();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
