// Upstream deadlines a test ends itself, once the call it waits on has hung at the emulator, instead
// of a real timeout the machine's load can also reach.

export function manualDeadlines() {
  const open = new Set<AbortController>();
  return {
    /** For startStack's `backend.deadline`: a signal per upstream call that only pass() ends. */
    deadline(): AbortSignal {
      const controller = new AbortController();
      open.add(controller);
      return controller.signal;
    },
    /** Every call made so far is past its time, as AbortSignal.timeout would say. */
    pass(): void {
      for (const controller of open) controller.abort(new DOMException("The call is past its time.", "TimeoutError"));
      open.clear();
    },
  };
}
