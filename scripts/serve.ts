// The server `npm start` runs, once `npm run build` has compiled it into build/server/serve.js (plain
// Node runs it there, without a TypeScript loader in the process): the backend, configured from the
// environment, and the Immersity emulator beside it unless Immersity credentials are set. Ctrl-C or
// SIGTERM stops everything, letting requests in progress finish first.
import { loadConfig } from "../src/backend/config.js";
import { startBackend } from "../src/backend/node-server.js";
import type { StorageConfig } from "../src/backend/storage/create-storage.js";
import { EnvError } from "../src/shared/env.js";
import { exitOnSignals } from "../src/shared/exit-on-signals.js";
import { emulatorUnlessCredentials, immersityLine } from "./local-emulator.js";

function describeStorage(storage: StorageConfig): string {
  switch (storage.kind) {
    case "local":
      return `local disk in ${storage.dir}`;
    case "immersity":
      return `Immersity's own storage; uploads stream through this backend, its index is in ${storage.dir}`;
    case "s3":
      return `S3 bucket ${storage.bucket} ${storage.endpoint ? `at ${storage.endpoint}` : `in ${storage.region}`}`;
    case "azure":
      return `Azure Blob container ${storage.container} at ${storage.endpoint}`;
    case "r2":
      return storage.s3
        ? `R2 bucket ${storage.s3.bucket} through the Worker's binding, presigned URLs of ${storage.s3.endpoint}`
        : "R2 bucket through the Worker's binding; the Worker serves its own storage URLs";
  }
}

async function main() {
  const env = { ...process.env };
  const local = await emulatorUnlessCredentials(env);
  const config = loadConfig(env);
  const backend = await startBackend(config);

  const lines = [
    `Depthframe backend   ${backend.url}  (health: ${backend.url}/v1/health, API: ${backend.url}/v1/openapi.json)`,
    `Storage              ${describeStorage(config.storage)}`,
    immersityLine(local?.emulator, config.immersity.apiUrl),
    config.apiKeys.length
      ? `API keys             ${config.apiKeys.length} configured`
      : `API keys             none: listening on ${config.host} only. Set DEPTHFRAME_API_KEYS to serve other hosts.`,
  ];
  console.log(lines.join("\n"));
  if (local) console.log(local.note);

  exitOnSignals(async (signal) => {
    console.log(
      `\n${signal}: stopping; requests in progress have ${config.shutdownGraceMs / 1000} s to finish (${signal} ` +
        `again stops at once)`,
    );
    // The backend first: its jobs in progress still need the emulator.
    await backend.close();
    await local?.emulator.close();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
