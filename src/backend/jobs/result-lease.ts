// One paid call for a result across every instance on one storage: before calling, an instance
// claims a lease record for the result with the storage's conditional create. One that finds a
// live lease waits, with backoff, until it is released or lapses; a lease whose holder died lapses
// and is taken over with a conditional replace, so of two takers only one wins.
import type { Storage } from "../storage/storage.js";

export interface LeaseClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: LeaseClock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * expiresAt as ISO text, as in Immersity storage's index, whose sweep then removes a lapsed lease like a lapsed record.
 */
interface LeaseRecord {
  holder: string;
  expiresAt: string;
}

export const leaseKey = (resultKey: string) => `leases/${resultKey}`;

export interface HeldLease {
  /** Gives the lease up, unless another has taken it over meanwhile. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** The longest the holder's work may take: its call's timeout and the check of what was written. */
  ttlMs: number;
  clock: LeaseClock;
  /**
   * Asked between waits while another holds the lease: a found answer ends the wait (the holder's
   * call wrote its result, though the holder may be gone).
   */
  poll?: () => Promise<boolean>;
}

/** The first wait, doubled up to the longest: a result takes seconds, a lease is released once. */
const FIRST_WAIT_MS = 100;
const LONGEST_WAIT_MS = 2000;

/**
 * The lease, once held; "released" when another held it and gave it up (its result is then
 * stored, or its call failed), or "answered" when `poll` found the answer while waiting.
 */
export async function claimLease(
  storage: Storage,
  key: string,
  options: LeaseOptions,
): Promise<HeldLease | "released" | "answered"> {
  const { clock } = options;
  const holder = crypto.randomUUID();
  const text = () => JSON.stringify({ holder, expiresAt: new Date(clock.now() + options.ttlMs).toISOString() });
  const held = (etag: string): HeldLease => ({
    async release() {
      // Only our own: after a lapse another may hold it.
      const current = await storage.readVersioned(key);
      if (current?.etag === etag) await storage.delete(key);
    },
  });

  let waited = false;
  let wait = FIRST_WAIT_MS;
  for (;;) {
    if (!waited) {
      const created = await storage.createIfAbsent(key, text());
      if (created) return held(created);
    }
    const current = await storage.readVersioned(key);
    if (!current) {
      // Gone after a wait: the holder is done. (Without one: released between the create and the read.)
      if (waited) return "released";
      continue;
    }
    const lapsesAt = lapseOf(current.text);
    const now = clock.now();
    if (lapsesAt <= now) {
      const replaced = await storage.replaceIfMatch(key, text(), current.etag);
      if (replaced) return held(replaced);
      continue;
    }
    if (waited && (await options.poll?.())) return "answered";
    waited = true;
    await clock.sleep(Math.min(wait, lapsesAt - now));
    wait = Math.min(wait * 2, LONGEST_WAIT_MS);
  }
}

/** When a lease lapses; one that cannot be read (no record of ours) has lapsed. */
function lapseOf(text: string): number {
  try {
    const record = JSON.parse(text) as Partial<LeaseRecord>;
    const at = typeof record.expiresAt === "string" ? Date.parse(record.expiresAt) : NaN;
    return Number.isNaN(at) ? 0 : at;
  } catch {
    return 0;
  }
}
