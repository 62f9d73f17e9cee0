// The emulator's control API (loopback only), used by tests and benchmarks to inject faults and
// read counters.
import * as z from "zod/mini";

export const EMULATOR_CONTROL_PREFIX = "/__emulator";

const int = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
const count = int(0, 1_000_000);

export const EmulatorFaults = z.strictObject({
  /** Added before every API call answers. */
  latencyMs: z.optional(int(0, 600_000)),
  /** Lifetime of tokens issued from now on. */
  tokenTtlS: z.optional(int(1, 86_400)),
  /** Every token issued so far stops working. */
  revokeTokens: z.optional(z.boolean()),
  /** Sets the credit balance. */
  credits: z.optional(z.number().check(z.minimum(0))),
  /** The next `count` API calls answer `status` without doing anything. */
  failNext: z.optional(
    z.strictObject({
      status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
      count,
      retryAfterS: z.optional(z.number().check(z.int(), z.minimum(0))),
    }),
  ),
  /** The next `count` token requests answer 503. */
  failTokenNext: z.optional(count),
  /** The next `count` calls write their result, then drop the connection without answering. */
  dropAfterWriteNext: z.optional(count),
  /** The next `count` calls answer 200 without writing a result. */
  skipWriteNext: z.optional(count),
  /** The next `count` calls never answer (until the client gives up). */
  hangNext: z.optional(count),
  /**
   * The next `count` calls write their result to the URL with its path changed, which the storage refuses as unsigned;
   * they answer 500.
   */
  refusedWriteNext: z.optional(count),
});
export type EmulatorFaults = z.infer<typeof EmulatorFaults>;

export const EmulatorStats = z.object({
  calls: z.record(z.string(), z.number()),
  tokenRequests: z.number(),
  creditsSpent: z.number(),
  credits: z.number(),
});
export type EmulatorStats = z.infer<typeof EmulatorStats>;
