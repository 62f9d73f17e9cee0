// The three-layer selection the bench:ui pages start with, as the sandbox sends it.
const item = (name: string, i: number) => ({
  nodeId: `1:${i + 1}`,
  name,
  width: 480,
  height: 320,
  thumbnail: null,
  depth: null,
  animation: null,
});

export const BENCH_SELECTION = {
  items: ["Photo", "Checkout screen", "Billboard"].map(item),
  skipped: [],
  results: [],
  regenerate: false,
};
