// The shared schemas are zod/mini, which keeps the plugin's bundles small. @hono/zod-openapi (through
// zod-to-openapi) walks classic zod only: it calls methods such as .meta() that mini schemas lack.
// Both are zod core underneath, so each node is rebuilt as the classic class of the same kind over
// the same definition: the checks, messages and defaults are the very objects of the shared schema.
import * as z from "zod";

type Core = z.core.$ZodType;

const isSchema = (value: unknown): value is Core => typeof value === "object" && value !== null && "_zod" in value;
const classic = new WeakMap<Core, z.ZodType>();

/** The classic form of a zod/mini (or classic) schema, for the OpenAPI routes. */
export function toClassic<T extends Core>(schema: T): z.ZodType<z.output<T>, z.input<T>> {
  if (schema instanceof z.ZodType) return schema as z.ZodType<z.output<T>, z.input<T>>;
  const known = classic.get(schema);
  if (known) return known as z.ZodType<z.output<T>, z.input<T>>;
  const name = schema._zod.constr.name; // "ZodMiniString" → "ZodString"
  const Classic = (z as unknown as Record<string, unknown>)[name.replace(/^ZodMini/, "Zod")];
  if (!name.startsWith("ZodMini") || typeof Classic !== "function") {
    throw new Error(`No classic zod class for ${name}`);
  }
  // Descriptors, not a spread: a default's value is a getter that hands out a fresh copy each time.
  const def = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema._zod.def));
  for (const [key, value] of Object.entries(def)) {
    // Checks stay as they are: string formats are checks that look like schemas.
    if (key === "checks") continue;
    let child: unknown;
    if (isSchema(value)) child = toClassic(value);
    else if (Array.isArray(value) && value.every(isSchema)) child = value.map(toClassic);
    else if (key === "shape") {
      child = Object.fromEntries(Object.entries(value as Record<string, Core>).map(([k, v]) => [k, toClassic(v)]));
    } else continue;
    // An object's shape is a getter: defined over, not assigned.
    Object.defineProperty(def, key, { value: child, enumerable: true });
  }
  const converted = new (Classic as new (def: unknown) => z.ZodType)(def);
  classic.set(schema, converted);
  return converted as z.ZodType<z.output<T>, z.input<T>>;
}
