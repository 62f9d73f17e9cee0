// An animation request, from the bytes of its two inputs to the bytes of its file: decoded and
// cropped with sharp here (sharp works off the event loop already), rendered and encoded in the worker.
import type { AnimationParams } from "../../shared/immersity.js";
import { decodeGreyRegion, decodeRgbaRegion, decodeSize, UnreadableInput } from "../decode-input.js";
import type { AnimationThread } from "./animation-thread.js";
import { animationSettings } from "../../shared/animation-settings.js";

// Not imported from frame-encoders: h264-mp4-encoder installs process-wide handlers that rethrow any
// uncaught error, so it must load only inside the worker thread.
const CONTENT_TYPES = { mp4: "video/mp4", gif: "image/gif" } as const;

export async function renderAnimation(
  inputs: { image: Uint8Array; disparity: Uint8Array },
  params: AnimationParams,
  thread: AnimationThread,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const { settings, rgba, disparity } = await decodeAnimationInputs(inputs, params);
  const { format, fps, size, path } = settings;
  const bytes = await thread.render({
    format,
    fps,
    size,
    path,
    rgba,
    disparity,
    convergence: params.convergence,
    gain: params.gain,
  });
  return { bytes, contentType: CONTENT_TYPES[format] };
}

/** The request's settings, and both inputs cropped and resized to its frames. */
export async function decodeAnimationInputs(
  inputs: { image: Uint8Array; disparity: Uint8Array },
  params: AnimationParams,
) {
  const settings = animationSettings(params, await decodeSize(inputs.image));
  const [rgba, disparity] = await Promise.all([
    decodeRgbaRegion(inputs.image, settings.crop, settings.size),
    decodeGreyRegion(inputs.disparity, settings.crop, settings.size).catch((error: unknown) => {
      throw error instanceof UnreadableInput ? new UnreadableInput(error.message, "inputDisparityUrl") : error;
    }),
  ]);
  return { settings, rgba, disparity };
}
