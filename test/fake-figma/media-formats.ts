// Recognises the file types Figma accepts from createImage and createVideoAsync by their leading
// bytes, and reads an image's pixel size from its header without decoding it (so it works the same
// in Node and in a browser, with no image library).

export type ImageFormat = "PNG" | "JPEG" | "GIF";
export type VideoFormat = "MP4" | "MOV" | "WEBM";

export interface ImageHeader {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// IHDR is always the first chunk: width and height are big-endian at offsets 16 and 20.
function pngHeader(bytes: Uint8Array): ImageHeader | null {
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== "IHDR") return null;
  const data = view(bytes);
  return { format: "PNG", width: data.getUint32(16), height: data.getUint32(20) };
}

// The size is in the first start-of-frame segment (SOF0 to SOF15, except DHT C4, JPG C8 and DAC CC).
// Segments before it are skipped by their length; scan data (SOS) before any SOF means no size.
function jpegHeader(bytes: Uint8Array): ImageHeader | null {
  const data = view(bytes);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const standalone = marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
    if (standalone) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (at + 9 > bytes.length) return null;
      return { format: "JPEG", height: data.getUint16(at + 5), width: data.getUint16(at + 7) };
    }
    at += 2 + data.getUint16(at + 2);
  }
  return null;
}

// The logical screen size follows the 6-byte signature, little-endian.
function gifHeader(bytes: Uint8Array): ImageHeader | null {
  if (bytes.length < 10) return null;
  const data = view(bytes);
  return { format: "GIF", width: data.getUint16(6, true), height: data.getUint16(8, true) };
}

export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  let header: ImageHeader | null = null;
  if (startsWith(bytes, PNG_SIGNATURE)) header = pngHeader(bytes);
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) header = jpegHeader(bytes);
  else if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a"))
    header = gifHeader(bytes);
  return header && header.width > 0 && header.height > 0 ? header : null;
}

// Old QuickTime files have no ftyp box and open with one of these atoms instead.
const QUICKTIME_LEADING_ATOMS = new Set(["moov", "mdat", "wide", "free", "skip", "pnot"]);

// MP4 and MOV are ISO base media files (an ftyp box whose brand "qt  " means QuickTime); WebM is
// Matroska (EBML magic) whose DocType says "webm".
export function sniffVideo(bytes: Uint8Array): VideoFormat | null {
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === "ftyp") return ascii(bytes, 8, 4) === "qt  " ? "MOV" : "MP4";
  if (bytes.length >= 8 && QUICKTIME_LEADING_ATOMS.has(ascii(bytes, 4, 4))) return "MOV";
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(bytes, 0, Math.min(bytes.length, 64)).includes("webm"))
    return "WEBM";
  return null;
}
