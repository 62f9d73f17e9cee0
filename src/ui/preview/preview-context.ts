// What every preview needs from the app: the bridge that reads scenes from the canvas, and the 3D
// tab's current options, which the Depth tab's row previews play too.
import { createContext } from "preact";
import type { AnimationOptions } from "../../shared/api.js";
import type { Bridge } from "../bridge.js";

export interface PreviewServices {
  bridge: Bridge;
  options: AnimationOptions;
}

export const PreviewContext = createContext<PreviewServices | null>(null);
