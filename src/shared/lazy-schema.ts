// Building a zod schema costs a constructor call for it and for each check, and a module that defines
// many builds them all as it loads: much of the plugin UI's script time at start went there, for
// schemas that parse nothing until later (a local render, an export) or never in that bundle (the
// backend's). A schema defined with lazySchema is built the first time anything reads it, then
// reused: same name, same type, same checks.

/**
 * The schema `build` returns, built on first use. It stands in for the schema everywhere (parse,
 * composition into other schemas, `z.infer`, `instanceof`), as every use of a schema goes through
 * its properties. Call sites mark the call `@__PURE__` so that a bundle leaves out the schemas it
 * never reads (esbuild does not carry `@__NO_SIDE_EFFECTS__` across modules).
 */
export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const built = () => (schema ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(built(), key),
    set: (_, key, value) => Reflect.set(built(), key, value),
    has: (_, key) => Reflect.has(built(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
  });
}
