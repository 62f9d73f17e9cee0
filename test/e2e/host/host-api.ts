// What the host page offers the tests, as window.host (implemented in host.ts, in the page).
export interface HostOptions {
  command: string;
  theme: "light" | "dark";
  /** Written to clientStorage before the plugin starts; omitted to keep what a previous run saved. */
  settings?: unknown;
  /** Layer names to select. */
  select: string[];
  /** False plays a Starter team's file, which refuses video. */
  videoAllowed?: boolean;
  /** Adds this many small frames, "Frame 1" to "Frame N", to the canvas. */
  extraFrames?: number;
  /** Depth maps already placed, by source layer name: PNG bytes in base64, linked as a depth result. */
  depthMaps?: Record<string, string>;
}

/** A place request as the UI sent it to the sandbox. */
export interface PlaceRequestSeen {
  contentType: string;
  engine: string | null;
  bytesBase64: string;
}

export interface PlacedResult {
  kind: string;
  fillType: "IMAGE" | "VIDEO";
  name: string;
  width: number;
  height: number;
  x: number;
  sourceName: string;
  /** The image fill's bytes; empty for a video fill. */
  fillBase64: string;
  /** The plugin data's engine and options. */
  engine: string;
  options: string;
}

export interface Host {
  open(options: HostOptions): Promise<void>;
  /** Selects the layers of these names, as the designer would on the canvas. */
  select(names: string[]): void;
  selection(): string[];
  close(): Promise<void>;
  results(): Promise<PlacedResult[]>;
  notifications(): string[];
  undoSteps(): number;
  exports(): Array<{ width: number; height: number }>;
  placeRequests(): PlaceRequestSeen[];
  /** A layer's own PNG export at 1×, in base64. */
  exportLayer(name: string): Promise<string>;
}
