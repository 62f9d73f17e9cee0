// The emulator on Node, on its own port.
import type { EmulatorEnv } from "../shared/env.js";
import { TOKEN_PATH } from "../shared/immersity.js";
import { listen } from "../shared/node-listen.js";
import { AnimationThread } from "./animation/animation-thread.js";
import { createEmulatorApp } from "./app.js";
import { BlobStore } from "./blob-store.js";
import { EmulatorState } from "./state.js";

export interface RunningEmulator {
  url: string;
  tokenUrl: string;
  state: EmulatorState;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** `now` is the clock the emulator's tokens expire by (tests move their own). */
export async function startEmulator(env: EmulatorEnv, now: () => number = Date.now): Promise<RunningEmulator> {
  const state = new EmulatorState(env, now);
  let url = "";
  const blobs = new BlobStore(() => url);
  const perCall = env.EMULATOR_CREDITS_PER_CALL;
  const animations = new AnimationThread();
  const app = createEmulatorApp(
    state,
    blobs,
    { disparity: { mono: perCall }, animation: { mp4: perCall, gif: perCall } },
    animations,
  );
  const listening = await listen(
    (request, bindings) => app.fetch(request, bindings),
    env.EMULATOR_HOST,
    env.EMULATOR_PORT,
  );
  url = listening.url;
  return {
    url,
    tokenUrl: url + TOKEN_PATH,
    state,
    clientId: env.EMULATOR_CLIENT_ID,
    clientSecret: env.EMULATOR_CLIENT_SECRET,
    close: async () => {
      await Promise.all([listening.close(), animations.close()]);
    },
  };
}
