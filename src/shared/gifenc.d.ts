// Types for the parts of gifenc (which ships none) that Depthframe uses. Node loads its CommonJS
// build (and bundlers its "browser" one), whose exports are only reachable as the default import.
declare module "gifenc" {
  type Palette = number[][];
  interface GifStream {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      options?: { palette?: Palette; delay?: number; repeat?: number },
    ): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  const gifenc: {
    GIFEncoder(options?: { initialCapacity?: number }): GifStream;
    quantize(rgba: Uint8Array, maxColors: number): Palette;
    applyPalette(rgba: Uint8Array, palette: Palette): Uint8Array;
  };
  export default gifenc;
}
