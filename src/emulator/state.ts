// The emulator's mutable state: tokens, credits, counters and pending faults.
import { timingSafeEqual } from "node:crypto";
import type { EmulatorFaults, EmulatorStats } from "../shared/emulator.js";
import type { EmulatorEnv } from "../shared/env.js";

export type CallOutcome =
  | { kind: "normal" }
  | { kind: "fail"; status: number; retryAfterS?: number }
  | { kind: "drop" }
  | { kind: "skipWrite" }
  | { kind: "hang" }
  | { kind: "refusedWrite" };

const NO_FAULTS = {
  fail: 0,
  failStatus: 500,
  retryAfterS: 1,
  failToken: 0,
  drop: 0,
  skipWrite: 0,
  hang: 0,
  refusedWrite: 0,
};

export class EmulatorState {
  readonly tokens = new Map<string, number>();
  calls: Record<string, number> = {};
  tokenRequests = 0;
  creditsSpent = 0;
  credits: number;
  latencyMs: number;
  tokenTtlS: number;
  private pending = { ...NO_FAULTS };

  /** `now` is the clock tokens expire by; tests pass one they move themselves. */
  constructor(
    private readonly env: EmulatorEnv,
    private readonly now: () => number = Date.now,
  ) {
    this.credits = env.EMULATOR_CREDITS;
    this.latencyMs = env.EMULATOR_LATENCY_MS;
    this.tokenTtlS = env.EMULATOR_TOKEN_TTL_S;
  }

  credentialsMatch(clientId: string, clientSecret: string): boolean {
    const expected = Buffer.from(`${this.env.EMULATOR_CLIENT_ID}\n${this.env.EMULATOR_CLIENT_SECRET}`);
    const given = Buffer.from(`${clientId}\n${clientSecret}`);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  get creditsPerCall(): number {
    return this.env.EMULATOR_CREDITS_PER_CALL;
  }

  /** Disparity maps without depth rendering (EMULATOR_RESULTS=flat), for load tests. */
  get flatResults(): boolean {
    return this.env.EMULATOR_RESULTS === "flat";
  }

  issueToken(): { token: string; ttlS: number } {
    const token = crypto.randomUUID() + crypto.randomUUID().replaceAll("-", "");
    this.tokens.set(token, this.now() + this.tokenTtlS * 1000);
    return { token, ttlS: this.tokenTtlS };
  }

  tokenValid(token: string): boolean {
    const expires = this.tokens.get(token);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.tokens.delete(token);
    return false;
  }

  count(endpoint: string): void {
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
  }

  /** Takes the next injected fault for an API call, if any. */
  nextOutcome(): CallOutcome {
    const p = this.pending;
    if (p.fail > 0) {
      p.fail--;
      return { kind: "fail", status: p.failStatus, retryAfterS: p.retryAfterS };
    }
    for (const kind of ["hang", "drop", "skipWrite", "refusedWrite"] as const) {
      if (p[kind] > 0) {
        p[kind]--;
        return { kind };
      }
    }
    return { kind: "normal" };
  }

  takeTokenFailure(): boolean {
    if (this.pending.failToken === 0) return false;
    this.pending.failToken--;
    return true;
  }

  /** Spends a call's credits; false when the balance is too low. */
  charge(): boolean {
    if (this.credits < this.creditsPerCall) return false;
    this.credits -= this.creditsPerCall;
    this.creditsSpent += this.creditsPerCall;
    return true;
  }

  /** Gives back what charge() took, for a call that failed after it. */
  refund(): void {
    this.credits += this.creditsPerCall;
    this.creditsSpent -= this.creditsPerCall;
  }

  apply(faults: EmulatorFaults): void {
    if (faults.latencyMs !== undefined) this.latencyMs = faults.latencyMs;
    if (faults.tokenTtlS !== undefined) this.tokenTtlS = faults.tokenTtlS;
    if (faults.revokeTokens) this.tokens.clear();
    if (faults.credits !== undefined) this.credits = faults.credits;
    if (faults.failNext) {
      this.pending.fail = faults.failNext.count;
      this.pending.failStatus = faults.failNext.status;
      this.pending.retryAfterS = faults.failNext.retryAfterS ?? 1;
    }
    if (faults.failTokenNext !== undefined) this.pending.failToken = faults.failTokenNext;
    if (faults.dropAfterWriteNext !== undefined) this.pending.drop = faults.dropAfterWriteNext;
    if (faults.skipWriteNext !== undefined) this.pending.skipWrite = faults.skipWriteNext;
    if (faults.hangNext !== undefined) this.pending.hang = faults.hangNext;
    if (faults.refusedWriteNext !== undefined) this.pending.refusedWrite = faults.refusedWriteNext;
  }

  /** Counters, credits and faults back to the start; issued tokens stay valid. */
  reset(): void {
    this.calls = {};
    this.tokenRequests = 0;
    this.creditsSpent = 0;
    this.credits = this.env.EMULATOR_CREDITS;
    this.latencyMs = this.env.EMULATOR_LATENCY_MS;
    this.tokenTtlS = this.env.EMULATOR_TOKEN_TTL_S;
    this.pending = { ...NO_FAULTS };
  }

  stats(): EmulatorStats {
    return {
      calls: { ...this.calls },
      tokenRequests: this.tokenRequests,
      creditsSpent: this.creditsSpent,
      credits: this.credits,
    };
  }
}
