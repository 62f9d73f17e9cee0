// A value loaded on demand and kept for as long as the loader says. Concurrent misses share one
// load; a failed load is not kept, so the next caller tries again.
export interface CachedValue<T> {
  get(): Promise<T>;
  /** Forgets the value if it is still the one given (another caller may have replaced it). */
  invalidate(value: T): void;
}

export function cachedValue<T>(
  load: () => Promise<{ value: T; ttlMs: number }>,
  now: () => number = Date.now,
): CachedValue<T> {
  let kept: { value: T; until: number } | null = null;
  let loading: Promise<T> | null = null;
  return {
    get() {
      if (kept && now() < kept.until) return Promise.resolve(kept.value);
      loading ??= load()
        .then(({ value, ttlMs }) => {
          kept = { value, until: now() + ttlMs };
          return value;
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    },
    invalidate(value) {
      if (kept?.value === value) kept = null;
    },
  };
}
