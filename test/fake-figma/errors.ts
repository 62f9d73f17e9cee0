// Figma reports misuse of the plugin API as a plain Error whose message starts with the failing call
// ("in createImage: Image is too large"); plugins and tests match on the text after that prefix.
export function figmaError(operation: string, message: string): Error {
  return new Error(`in ${operation}: ${message}`);
}

// A call the real API has but this fake leaves out fails loudly, so a test never passes by accident
// against behaviour nobody implemented.
export function notInFake(what: string): Error {
  return new Error(`fake-figma does not implement ${what}`);
}

// Figma's argument checks refuse objects with keys they do not know (a common slip: an "a" channel
// in a SOLID paint's RGB colour).
export function checkKnownKeys(fields: object, allowed: readonly string[], operation: string): void {
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw figmaError(operation, `Unrecognized key(s) in object: ${unknown.map((key) => `'${key}'`).join(", ")}`);
}
