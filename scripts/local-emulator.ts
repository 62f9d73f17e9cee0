// What `npm start` and `npm run start:workers` share: the Immersity emulator beside the backend
// unless Immersity credentials are set, and the line that says which one the backend talks to.
import type { RunningEmulator } from "../src/emulator/node-server.js";
import { EmulatorEnv, parseEnv } from "../src/shared/env.js";

/** Starts the emulator when `env` has no Immersity credentials and points `env` at it; null otherwise. */
export async function emulatorUnlessCredentials(env: Record<string, string | undefined>) {
  if (env.IMMERSITY_CLIENT_ID || env.IMMERSITY_CLIENT_SECRET) return null;
  // Loaded only here: with Immersity credentials set, none of the emulator's code or memory is needed.
  const [{ startEmulator }, { SYNTHETIC_NOTE }] = await Promise.all([
    import("../src/emulator/node-server.js"),
    import("../src/emulator/render-disparity.js"),
  ]);
  const emulator: RunningEmulator = await startEmulator(parseEnv(EmulatorEnv, env));
  Object.assign(env, {
    IMMERSITY_CLIENT_ID: emulator.clientId,
    IMMERSITY_CLIENT_SECRET: emulator.clientSecret,
    IMMERSITY_API_URL: emulator.url,
    IMMERSITY_TOKEN_URL: emulator.tokenUrl,
    DEPTHFRAME_UPSTREAM: "emulator",
  });
  return { emulator, note: SYNTHETIC_NOTE };
}

export const immersityLine = (emulator: RunningEmulator | undefined, apiUrl: string) =>
  emulator
    ? `Immersity            EMULATOR at ${emulator.url}: results are synthetic. Set IMMERSITY_CLIENT_ID and ` +
      `IMMERSITY_CLIENT_SECRET for the real service.`
    : `Immersity            ${apiUrl}`;
