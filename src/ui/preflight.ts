// The check made before anything is spent: the backend answers as a Depthframe backend (health,
// no key needed), then takes the key (the price list needs it, and the estimates need the prices).
import type { HealthResponse } from "../shared/api.js";
import type { Prices } from "../shared/immersity.js";
import { BackendError, type BackendClient } from "./backend-client.js";

/** A host that takes the connection and never answers is, for the designer, one that cannot be reached. */
const PREFLIGHT_TIMEOUT_MS = 15_000;

export interface Connected {
  health: HealthResponse;
  prices: Prices;
}

export type Preflight =
  | { state: "checking" }
  | ({ state: "ok" } & Connected)
  /** `again` while a second check runs: the problem stays said until it is known to be gone. */
  | { state: "failed"; error: unknown; again?: boolean };

/** Both asked at once; the health's failure is the one told, since the key means nothing without it. */
export async function checkBackend(client: BackendClient, signal?: AbortSignal): Promise<Connected> {
  const [health, prices] = await Promise.allSettled([client.health(signal), client.prices(signal)]);
  if (health.status === "rejected") throw health.reason;
  if (prices.status === "rejected") throw prices.reason;
  return { health: health.value, prices: prices.value };
}

/** The check's outcome as state; an abort (a newer check took over) is no outcome. */
export async function preflight(client: BackendClient, signal: AbortSignal): Promise<Preflight | null> {
  const timeout = AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS);
  try {
    return { state: "ok", ...(await checkBackend(client, AbortSignal.any([signal, timeout]))) };
  } catch (error) {
    if (signal.aborted) return null;
    const silent = timeout.aborted && new BackendError("network", `The backend at ${client.baseUrl} does not answer.`);
    return { state: "failed", error: silent || error };
  }
}
