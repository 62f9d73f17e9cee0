// What the local encoders take: a canvas that a callback draws frame by frame. Frames are drawn one
// at a time with explicit timestamps, never captured in real time, so a slow machine makes the same
// file as a fast one, only later.

export interface FrameSequence {
  /** Drawn by drawFrame; its size is the output's. */
  canvas: HTMLCanvasElement | OffscreenCanvas;
  frameCount: number;
  fps: number;
  /** Draws frame `index` (0-based) into the canvas. */
  drawFrame(index: number): void;
}

export type EncodedContentType = "video/mp4" | "video/webm" | "image/gif";

export interface EncodedAnimation {
  bytes: Uint8Array;
  contentType: EncodedContentType;
}

export interface EncodeControl {
  progress?: (framesDone: number, framesTotal: number) => void;
  signal?: AbortSignal;
}

/** Lets the page paint and the cancel button be heard between frames. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
