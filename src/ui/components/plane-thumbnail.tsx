// A plane drawn small, on a checkerboard so that what is transparent shows as such.
import { useEffect, useRef } from "preact/hooks";
import type { Rgba } from "../../shared/plane-compose.js";

const SIDE = 40;

export function PlaneThumbnail({ pixels }: { pixels: Rgba }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const full = new OffscreenCanvas(pixels.width, pixels.height);
    const image = new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height);
    full.getContext("2d")?.putImageData(image, 0, 0);
    const scale = SIDE / Math.max(pixels.width, pixels.height);
    canvas.width = Math.max(1, Math.round(pixels.width * scale));
    canvas.height = Math.max(1, Math.round(pixels.height * scale));
    context.drawImage(full, 0, 0, canvas.width, canvas.height);
  }, [pixels]);
  return <canvas ref={ref} class="plane__thumb" aria-hidden="true" />;
}
