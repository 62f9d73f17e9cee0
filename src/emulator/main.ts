// `npm run emulator`: the Immersity emulator alone, in its own process. Prints its URL as the first line.
import { EmulatorEnv, EnvError, parseEnv } from "../shared/env.js";
import { startEmulator } from "./node-server.js";
import { SYNTHETIC_NOTE } from "./render-disparity.js";

try {
  const emulator = await startEmulator(parseEnv(EmulatorEnv, process.env));
  console.log(`Immersity emulator listening on ${emulator.url}`);
  console.log(`Client id ${emulator.clientId}; token endpoint ${emulator.tokenUrl}. ${SYNTHETIC_NOTE}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
