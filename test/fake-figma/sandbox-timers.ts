// The plugin's timers die with it, as in Figma's sandbox: for harnesses that run the plugin's code
// in the test's own realm, where its timers would otherwise outlive it.
/**
 * Timers set while the plugin runs, cancelled when it closes (call the answer), as Figma does.
 * Without this, a selection the plugin was still debouncing when a test ended would be published
 * later through the global `figma`, by then the next test's fake.
 */
export function sandboxTimers(): () => void {
  const { setTimeout: originalSet, clearTimeout: originalClear } = globalThis;
  const pending = new Set<ReturnType<typeof setTimeout>>();
  globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = originalSet(
      (...a: unknown[]) => {
        pending.delete(id);
        handler(...a);
      },
      ms,
      ...args,
    );
    pending.add(id);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id: ReturnType<typeof setTimeout> | undefined) => {
    if (id !== undefined) pending.delete(id);
    originalClear(id);
  }) as typeof clearTimeout;
  return () => {
    for (const id of pending) originalClear(id);
    globalThis.setTimeout = originalSet;
    globalThis.clearTimeout = originalClear;
  };
}
