// Runs calls of an async function one after another, with a macrotask between them so Figma can
// free memory and stay responsive.
export function serially<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (...args) => {
    const run = tail.then(() => fn(...args));
    tail = run.catch(() => undefined).then(() => new Promise((resolve) => setTimeout(resolve, 0)));
    return run;
  };
}
