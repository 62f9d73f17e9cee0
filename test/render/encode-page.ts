// Runs in Chromium: the local encoders over a canvas whose colour and a moving bar change per frame.
import type { AnimationOptions } from "../../src/shared/api.js";
import { encodeGif } from "../../src/render/gif-encoding.js";
import { renderAnimation } from "../../src/render/index.js";
import { chooseVideoCodec, encodableVideo, encodeVideo } from "../../src/render/video-encoding.js";
import type { FrameSequence } from "../../src/render/frame-sequence.js";

interface EncodeRequest {
  format: "video" | "gif";
  width: number;
  height: number;
  frameCount: number;
  fps: number;
  /** Aborts once this many frames are done. */
  abortAfter?: number;
}

function sequence(request: EncodeRequest): FrameSequence {
  const canvas = document.createElement("canvas");
  canvas.width = request.width;
  canvas.height = request.height;
  const context = canvas.getContext("2d")!;
  return {
    canvas,
    frameCount: request.frameCount,
    fps: request.fps,
    drawFrame(index) {
      const t = index / request.frameCount;
      context.fillStyle = `rgb(${Math.round(255 * t)}, 80, ${Math.round(255 * (1 - t))})`;
      context.fillRect(0, 0, request.width, request.height);
      context.fillStyle = "white";
      context.fillRect(Math.round(t * request.width), 0, 8, request.height);
    },
  };
}

async function encode(request: EncodeRequest) {
  const controller = new AbortController();
  const progress: number[] = [];
  const control = {
    signal: controller.signal,
    progress(done: number) {
      progress.push(done);
      if (done === request.abortAfter) controller.abort(new Error("cancelled by the test"));
    },
  };
  try {
    const frames = sequence(request);
    const choice = await chooseVideoCodec(request.width, request.height, request.fps);
    if (request.format === "video" && !choice) throw new Error("no video codec");
    const result =
      request.format === "gif" ? await encodeGif(frames, control) : await encodeVideo(frames, choice!, control);
    return {
      bytes: Array.from(result.bytes),
      contentType: result.contentType,
      progress,
      codec: choice?.codec,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), progress };
  }
}

interface AnimateRequest {
  width: number;
  height: number;
  rgba: number[];
  disparity: number[];
  options: AnimationOptions;
  abortAfter?: number;
}

/** renderAnimation over a scene sent from the test: an image canvas and a 16-bit depth map. */
async function animate(request: AnimateRequest) {
  const image = document.createElement("canvas");
  image.width = request.width;
  image.height = request.height;
  image.getContext("2d")!.putImageData(new ImageData(Uint8ClampedArray.from(request.rgba), request.width), 0, 0);
  const depth = { width: request.width, height: request.height, data: Uint16Array.from(request.disparity) };
  const controller = new AbortController();
  const progress: number[] = [];
  try {
    const result = await renderAnimation(
      { image, depth },
      request.options,
      (done) => {
        progress.push(done);
        if (done === request.abortAfter) controller.abort(new Error("cancelled by the test"));
      },
      controller.signal,
    );
    return { bytes: Array.from(result.bytes), contentType: result.contentType, progress };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), progress };
  }
}

Object.assign(window, { encode, animate, chooseVideoCodec, encodableVideo });
