// The emulator's control API (loopback only), used by tests and benchmarks to inject faults and
// read counters.
import * as z from "zod";

export const EMULATOR_CONTROL_PREFIX = "/__emulator";

const count = z.number().int().min(0).max(1_000_000);

export const EmulatorFaults = z.strictObject({
  /** Added before every API call answers. */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** Lifetime of tokens issued from now on. */
  tokenTtlS: z.number().int().min(1).max(86_400).optional(),
  /** Every token issued so far stops working. */
  revokeTokens: z.boolean().optional(),
  /** Sets the credit balance. */
  credits: z.number().min(0).optional(),
  /** The next `count` API calls answer `status` without doing anything. */
  failNext: z
    .strictObject({
      status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
      count,
      retryAfterS: z.number().int().min(0).optional(),
    })
    .optional(),
  /** The next `count` token requests answer 503. */
  failTokenNext: count.optional(),
  /** The next `count` calls write their result, then drop the connection without answering. */
  dropAfterWriteNext: count.optional(),
  /** The next `count` calls answer 200 without writing a result. */
  skipWriteNext: count.optional(),
  /** The next `count` calls never answer (until the client gives up). */
  hangNext: count.optional(),
  /** The next `count` calls write their result to the URL with its path changed, which the storage refuses as unsigned; they answer 500. */
  refusedWriteNext: count.optional(),
});
export type EmulatorFaults = z.infer<typeof EmulatorFaults>;

export const EmulatorStats = z.object({
  calls: z.record(z.string(), z.number()),
  tokenRequests: z.number(),
  creditsSpent: z.number(),
  credits: z.number(),
});
export type EmulatorStats = z.infer<typeof EmulatorStats>;
