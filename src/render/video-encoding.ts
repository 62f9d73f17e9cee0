// Frames to a video file in the browser: WebCodecs encodes, mediabunny muxes. H.264 in MP4 where the
// browser can encode it (Figma's Electron build may not), otherwise VP9, then VP8, in WebM.
import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
  type VideoCodec,
} from "mediabunny";
import { yieldToPage, type EncodeControl, type EncodedAnimation, type FrameSequence } from "./frame-sequence.js";

export interface VideoChoice {
  codec: VideoCodec;
  container: "mp4" | "webm";
  contentType: "video/mp4" | "video/webm";
}

const CHOICES: readonly VideoChoice[] = [
  { codec: "avc", container: "mp4", contentType: "video/mp4" },
  { codec: "vp9", container: "webm", contentType: "video/webm" },
  { codec: "vp8", container: "webm", contentType: "video/webm" },
];

const encodes = (choice: VideoChoice, width: number, height: number, fps: number) =>
  canEncodeVideo(choice.codec, { width, height, frameRate: fps, quality: QUALITY_HIGH });

/** The first codec this browser can encode at this size, or null (then only a GIF can be made). */
export async function chooseVideoCodec(width: number, height: number, fps = 30): Promise<VideoChoice | null> {
  if (typeof VideoEncoder === "undefined") return null;
  for (const choice of CHOICES) {
    if (await encodes(choice, width, height, fps)) return choice;
  }
  return null;
}

/** Every codec this browser can encode at this size, best first: what the plugin's diagnostics list. */
export async function encodableVideo(width: number, height: number, fps = 30): Promise<VideoChoice[]> {
  if (typeof VideoEncoder === "undefined") return [];
  const supported = await Promise.all(CHOICES.map((choice) => encodes(choice, width, height, fps)));
  return CHOICES.filter((_, i) => supported[i]);
}

/** Encodes every frame of the sequence; on abort, rejects with the signal's reason and keeps nothing. */
export async function encodeVideo(
  sequence: FrameSequence,
  choice: VideoChoice,
  { progress, signal }: EncodeControl = {},
): Promise<EncodedAnimation> {
  signal?.throwIfAborted();
  const target = new BufferTarget();
  const output = new Output({
    format: choice.container === "mp4" ? new Mp4OutputFormat({ fastStart: "in-memory" }) : new WebMOutputFormat(),
    target,
  });
  const source = new CanvasSource(sequence.canvas, {
    codec: choice.codec,
    quality: QUALITY_HIGH,
    keyFrameInterval: 2,
  });
  output.addVideoTrack(source, { frameRate: sequence.fps });
  const frameDuration = 1 / sequence.fps;
  try {
    await output.start();
    for (let i = 0; i < sequence.frameCount; i++) {
      signal?.throwIfAborted();
      sequence.drawFrame(i);
      // add() waits while the encoder's queue is full, so memory stays bounded whatever the length.
      await source.add(i * frameDuration, frameDuration);
      progress?.(i + 1, sequence.frameCount);
      await yieldToPage();
    }
    signal?.throwIfAborted();
    await output.finalize();
  } catch (error) {
    if (output.state !== "finalized" && output.state !== "canceled") await output.cancel();
    throw error;
  }
  if (!target.buffer) throw new Error("The video encoder produced no file.");
  return { bytes: new Uint8Array(target.buffer), contentType: choice.contentType };
}
