// What this iframe can encode for a local render, found once when first needed, through src/render's
// own codec choice (WebCodecs' isConfigSupported via mediabunny): Figma's Electron build may lack H.264.
import { loadRender } from "./on-demand.js";

/** Probed at a usual output size; src/render chooses again at each render's own size. */
export const PROBE = { width: 1920, height: 1080, fps: 30 } as const;

const CODECS = [
  { codec: "avc", name: "H.264 MP4" },
  { codec: "vp9", name: "VP9 WebM" },
  { codec: "vp8", name: "VP8 WebM" },
] as const;

export interface EncoderProbe {
  /** The video codecs this iframe encodes at PROBE, best first ("avc", "vp9", "vp8"). */
  video: string[];
  /** Why the probe itself failed, if it did (then only GIFs are assumed). */
  failure?: string;
}

export async function probeEncoders(): Promise<EncoderProbe> {
  try {
    const { encodableVideo } = await loadRender();
    return { video: (await encodableVideo(PROBE.width, PROBE.height, PROBE.fps)).map((c) => c.codec) };
  } catch (error) {
    return { video: [], failure: error instanceof Error ? error.message : String(error) };
  }
}

/** What a local MP4 render makes here: "H.264 MP4", "VP9 WebM", "VP8 WebM" or "GIF only". */
export function localVideoOutput(probe: EncoderProbe): string {
  return CODECS.find((c) => probe.video.includes(c.codec))?.name ?? "GIF only";
}

/** The engine choice's line: what "This computer" produces here for the chosen format. */
export function localOutputText(probe: EncoderProbe | null, format: "mp4" | "gif"): string {
  if (format === "gif") return "This computer makes the GIF here.";
  if (!probe) return "Checking what this computer can encode…";
  const output = localVideoOutput(probe);
  return output === "GIF only"
    ? "This computer has no video encoder here: it makes a GIF instead."
    : `This computer makes ${output} here.`;
}

/** Settings → Diagnostics: one row per format a local render can take. */
export function diagnosticsRows(probe: EncoderProbe): Array<{ name: string; supported: boolean }> {
  return [
    ...CODECS.map((c) => ({ name: c.name, supported: probe.video.includes(c.codec) })),
    // gifenc is plain JavaScript: every browser can make a GIF.
    { name: "GIF", supported: true },
  ];
}
