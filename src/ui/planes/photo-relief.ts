// A photo plane's relief: Immersity's disparity of the photo through the backend, the same paid,
// cached, content-addressed path the Depth tab takes (the plane's own pixels uploaded, POST
// /v1/disparity), decoded at 16 bits and laid into the frame's pixels where the plane is.
import { encode } from "fast-png";
import type { DisparityOptions } from "../../shared/api.js";
import type { Rgba } from "../../shared/plane-compose.js";
import type { PixelBox } from "../../shared/planes.js";
import type { BackendClient } from "../backend-client.js";
import { depthPixelsFromPng } from "../preview/depth-png.js";
import { uploadBytes } from "../upload-bytes.js";
import type { LoadedPlane } from "./load-planes.js";

/** Relief values where the plane has no photo: the middle, which moves the plane by nothing. */
const FLAT = 32768;

/** The plane's pixels inside its bounds, as the PNG sent for its disparity. */
export function croppedPng(pixels: Rgba, box: PixelBox): Uint8Array {
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((box.top + y) * pixels.width + box.left) * 4;
    data.set(pixels.data.subarray(from, from + width * 4), y * width * 4);
  }
  return encode({ width, height, data, channels: 4, depth: 8 });
}

/** `map` (any size) laid over `box` of a frame-sized relief, nearest sample, FLAT elsewhere. */
export function reliefInFrame(
  frame: { width: number; height: number },
  box: PixelBox,
  map: { width: number; height: number; data: Uint16Array },
): Uint16Array {
  const relief = new Uint16Array(frame.width * frame.height).fill(FLAT);
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(map.height - 1, Math.floor(((y + 0.5) * map.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(map.width - 1, Math.floor(((x + 0.5) * map.width) / width));
      relief[(box.top + y) * frame.width + box.left + x] = map.data[sy * map.width + sx]!;
    }
  }
  return relief;
}

export interface ReliefRequest {
  client: BackendClient;
  frame: { width: number; height: number };
  /** The Depth tab's options; the relief is always asked for at 16 bits. */
  options: Required<DisparityOptions>;
  fresh: boolean;
  signal?: AbortSignal;
}

/** One paid disparity call (free when stored), answered as a frame-sized relief. */
export async function photoRelief(plane: LoadedPlane, request: ReliefRequest): Promise<Uint16Array> {
  const { client, signal } = request;
  const box = plane.info.bounds;
  // A photo its frame clips away entirely has nothing to ask about.
  if (box.right <= box.left || box.bottom <= box.top)
    return new Uint16Array(request.frame.width * request.frame.height).fill(FLAT);
  const imageId = await uploadBytes(client, croppedPng(plane.pixels, box), "image/png", () => undefined, signal);
  const options = { ...request.options, outputBitDepth: "uint16" as const };
  const result = await client.disparity({ imageId, options, fresh: request.fresh }, signal);
  const png = await client.download(result.url, () => undefined, signal);
  return reliefInFrame(request.frame, box, depthPixelsFromPng(png));
}
