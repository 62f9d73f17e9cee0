// Storage limits in Figma are in bytes of UTF-8, not in JavaScript string length.
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;
