// What the host page offers the tests, as window.host (implemented in host.ts, in the page).
export interface HostOptions {
  command: string;
  theme: "light" | "dark";
  /** Written to clientStorage before the plugin starts; omitted to keep what a previous run saved. */
  settings?: unknown;
  /** Layer names to select. */
  select: string[];
}

export interface PlacedResult {
  name: string;
  width: number;
  height: number;
  x: number;
  sourceName: string;
  fillBase64: string;
}

export interface Host {
  open(options: HostOptions): Promise<void>;
  close(): Promise<void>;
  results(): Promise<PlacedResult[]>;
  notifications(): string[];
  undoSteps(): number;
  exports(): Array<{ width: number; height: number }>;
}
