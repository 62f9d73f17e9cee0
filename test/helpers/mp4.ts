// Reads what an MP4 says about its video track from its boxes (ISO/IEC 14496-12), so tests can check
// a video without a decoder.
export interface Mp4Video {
  /** The ftyp box's major brand. */
  brand: string;
  width: number;
  height: number;
  frames: number;
  /** Seconds, from the video track's media header. */
  duration: number;
  /** The H.264 sample entry's four-character code, e.g. "avc1". */
  codec: string;
}

interface Box {
  type: string;
  /** Offset of the box's content, after its header. */
  start: number;
  end: number;
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl"]);

function* boxes(view: DataView, start: number, end: number): Generator<Box> {
  for (let at = start; at + 8 <= end;) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + at + 4, 4));
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) throw new Error(`box ${type} at ${at} overruns its parent`);
    yield { type, start: at + header, end: at + size };
    at += size;
  }
}

/** Every box, depth first, with the path of types leading to it. */
function* walk(view: DataView, start: number, end: number, path: string[] = []): Generator<[string, Box]> {
  for (const box of boxes(view, start, end)) {
    const here = [...path, box.type];
    yield [here.join("/"), box];
    if (CONTAINERS.has(box.type)) yield* walk(view, box.start, box.end, here);
  }
}

export function readMp4Video(bytes: Uint8Array): Mp4Video {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const all = [...walk(view, 0, bytes.length)];
  const ftyp = all.find(([path]) => path === "ftyp")?.[1];
  if (!ftyp) throw new Error("no ftyp box first");
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  // The video track: the trak whose handler is "vide".
  const traks = all.filter(([path]) => path === "moov/trak").map(([, box]) => box);
  const video = traks.find((trak) =>
    all.some(
      ([path, box]) =>
        path === "moov/trak/mdia/hdlr" &&
        box.start > trak.start &&
        box.end <= trak.end &&
        text(box.start + 8) === "vide",
    ),
  );
  if (!video) throw new Error("no video track");
  const inTrack = (name: string) => {
    const found = all.find(
      ([path, box]) => path.endsWith(`/${name}`) && box.start > video.start && box.end <= video.end,
    )?.[1];
    if (!found) throw new Error(`video track without ${name}`);
    return found;
  };
  const tkhd = inTrack("tkhd");
  const tkhdVersion = view.getUint8(tkhd.start);
  // After version/flags, times, track id, reserved, duration, reserved, layer, group, volume, reserved, matrix.
  const sizeAt = tkhd.start + 4 + (tkhdVersion === 1 ? 32 : 20) + 8 + 8 + 36;
  const mdhd = inTrack("mdhd");
  const mdhdVersion = view.getUint8(mdhd.start);
  const timescale = view.getUint32(mdhd.start + 4 + (mdhdVersion === 1 ? 16 : 8));
  const mediaDuration =
    mdhdVersion === 1 ? Number(view.getBigUint64(mdhd.start + 24)) : view.getUint32(mdhd.start + 16);
  const stsz = inTrack("stsz");
  const stsd = inTrack("stsd");
  return {
    brand: text(ftyp.start),
    width: view.getUint32(sizeAt) / 65536,
    height: view.getUint32(sizeAt + 4) / 65536,
    frames: view.getUint32(stsz.start + 8),
    duration: mediaDuration / timescale,
    // stsd: version/flags, entry count, then the first entry's size and four-character code.
    codec: text(stsd.start + 12),
  };
}

/** The smallest file with an MP4's signature: a 'ftyp' box, then an empty 'free' box. */
export const SMALLEST_MP4 = new Uint8Array([
  ...[0, 0, 0, 24],
  ...new TextEncoder().encode("ftypisom"),
  ...[0, 0, 2, 0],
  ...new TextEncoder().encode("isomiso2"),
  ...[0, 0, 0, 8],
  ...new TextEncoder().encode("free"),
]);
