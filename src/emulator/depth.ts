// Synthetic disparity maps for the Immersity emulator. No ML, but shaped like a real depth map:
// on a downscaled copy, texture is removed (rolling guidance) to find the image's regions; monocular
// cues (height in the frame, centre bias, colours unlike the borders, saturation, texture) are averaged
// within those regions (domain-transform filter); a colour guided filter then carries the result back to
// full size along the image's own edges. Finally it is normalised and dilated like the real API's output.

export interface RgbImage {
  width: number;
  height: number;
  /** RGB interleaved, 3 bytes per pixel, row-major. */
  data: Uint8Array;
}

export interface DepthOptions {
  /**
   * Immersity's `dilation`, -0.01..0.01, a fraction of the image width: > 0 widens near (bright) regions, < 0 narrows
   * them.
   */
  dilation: number;
  /** "image360": equirectangular panorama, so filters wrap around the left/right edges. */
  inputType: "image2d" | "image360";
}

/** A single-channel image. */
interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

type ColourPlanes = [Plane, Plane, Plane];

/** The cues are computed on a copy no larger than this; the guided filter restores full-size edges. */
const WORKING_SIDE = 256;
/** Size of the detail treated as texture rather than structure, as a fraction of the longer side. */
const TEXTURE_SCALE = 0.03;
/** Rolling-guidance rounds: each brings the edges of large structures back a little more. */
const ROLLING_ITERATIONS = 5;
/** Colour difference (sum over channels, 0..3) that counts as an edge when smoothing within regions. */
const EDGE_CONTRAST = 0.3;
/** How far cues spread within a region, as a fraction of the longer side. */
const REGION_SCALE = 0.1;
/** Domain-transform passes; three is what its authors recommend. */
const SMOOTHING_ITERATIONS = 3;
/** Guided-filter window radius as a fraction of the working image's longer side. */
const GUIDED_RADIUS_FRACTION = 0.02;
/** Guided-filter regulariser: colour variances well above it count as edges, those below get smoothed. */
const GUIDED_EPS = 0.01;
/** Percentiles mapped to 0 and 1, so a few outliers cannot squash the range. */
const LOW_PERCENTILE = 0.01;
const HIGH_PERCENTILE = 0.99;
/** The percentiles are estimated on a grid of at most this many pixels per side. */
const PERCENTILE_GRID = 256;

/** Disparity in [0, 1] per pixel (length width*height), near = 1. Deterministic. */
export function synthesizeDisparity(image: RgbImage, options: DepthOptions): Float32Array {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`invalid image size ${width}x${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new RangeError(`expected ${width * height * 3} RGB bytes, got ${data.length}`);
  }
  if (!Number.isFinite(options.dilation)) throw new RangeError(`invalid dilation ${options.dilation}`);
  const wrapX = options.inputType === "image360";

  const small = downscaleRgb(image, Math.ceil(Math.max(width, height) / WORKING_SIDE));
  const prior = depthPrior(small, removeTexture(small, wrapX), wrapX);
  const radius = Math.max(1, Math.round(GUIDED_RADIUS_FRACTION * Math.max(prior.width, prior.height)));
  const disparity = applyCoefficients(guidedCoefficients(small, prior, radius, GUIDED_EPS, wrapX), image, wrapX);

  normaliseRobustly(disparity);
  applyDilation(disparity, Math.round(Math.abs(options.dilation) * width), Math.sign(options.dilation), wrapX);
  return disparity.data;
}

/**
 * Red, green and blue planes in [0, 1], box-averaged over factor x factor blocks (partial blocks at the right/bottom
 * edges average what they have).
 */
function downscaleRgb(image: RgbImage, factor: number): ColourPlanes {
  const { width, height, data } = image;
  const smallWidth = Math.ceil(width / factor);
  const smallHeight = Math.ceil(height / factor);
  const [red, green, blue] = [
    emptyPlane(smallWidth, smallHeight),
    emptyPlane(smallWidth, smallHeight),
    emptyPlane(smallWidth, smallHeight),
  ];
  const counts = new Float32Array(smallWidth * smallHeight);
  const smallColumn = Int32Array.from({ length: width }, (_, x) => Math.floor(x / factor));
  for (let y = 0; y < height; y++) {
    const smallRow = Math.floor(y / factor) * smallWidth;
    for (let x = 0; x < width; x++) {
      const target = smallRow + smallColumn[x]!;
      const source = (y * width + x) * 3;
      red.data[target]! += data[source]!;
      green.data[target]! += data[source + 1]!;
      blue.data[target]! += data[source + 2]!;
      counts[target]! += 1;
    }
  }
  for (const plane of [red, green, blue]) {
    for (let i = 0; i < counts.length; i++) plane.data[i]! /= 255 * counts[i]!;
  }
  return [red, green, blue];
}

function emptyPlane(width: number, height: number): Plane {
  return { width, height, data: new Float32Array(width * height) };
}

/**
 * Rolling guidance (Zhang et al. 2014): blur the texture away, then repeatedly smooth the image within
 * the regions of the previous estimate, so the edges of large structures come back but texture does not.
 */
function removeTexture(rgb: ColourPlanes, wrapX: boolean): ColourPlanes {
  const radius = Math.max(1, Math.round(TEXTURE_SCALE * Math.max(rgb[0].width, rgb[0].height)));
  let structure = rgb.map((plane) => boxMean(plane, radius, wrapX)) as ColourPlanes;
  for (let k = 0; k < ROLLING_ITERATIONS; k++) {
    // The original colours, smoothed within the current estimate's regions, over about twice the texture's size.
    structure = smoothWithinRegions(rgb, structure, 2 * radius, EDGE_CONTRAST, wrapX);
  }
  return structure;
}

/**
 * Rough nearness before edge refinement: lower in the frame and central is nearer, and so are
 * foreground-looking regions (colours unlike the frame's borders, saturated, textured). The cues come
 * from the texture-free structure and are averaged within its regions, so objects come out smooth.
 */
function depthPrior(rgb: ColourPlanes, structure: ColourPlanes, wrapX: boolean): Plane {
  const { width, height } = rgb[0];
  const distinctness = borderDistinctness(structure, wrapX);
  const foreground = emptyPlane(width, height);
  for (let i = 0; i < foreground.data.length; i++) {
    const r = structure[0].data[i]!;
    const g = structure[1].data[i]!;
    const b = structure[2].data[i]!;
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    // What rolling guidance removed: fine detail, which tends to be in focus.
    const texture = Math.abs(rgb[0].data[i]! - r) + Math.abs(rgb[1].data[i]! - g) + Math.abs(rgb[2].data[i]! - b);
    // Hand-tuned weights: an unusual colour is the strongest hint, saturation and detail add to it.
    foreground.data[i] = Math.min(1, 1.2 * distinctness[i]! + 0.3 * chroma + texture);
  }
  const [smoothForeground] = smoothWithinRegions<[Plane]>(
    [foreground],
    structure,
    REGION_SCALE * Math.max(width, height),
    EDGE_CONTRAST,
    wrapX,
  );

  const prior = emptyPlane(width, height);
  for (let y = 0; y < height; y++) {
    const lower = (y + 0.5) / height;
    const dy = lower - 0.5;
    for (let x = 0; x < width; x++) {
      // A panorama has no horizontal centre, so only the vertical part of the centre bias applies there.
      const dx = wrapX ? 0 : (x + 0.5) / width - 0.5;
      const central = 1 - 2 * (dx * dx + dy * dy);
      const i = y * width + x;
      // Foreground-ness decides most; height in the frame orders what is left (ground, then sky).
      prior.data[i] = 0.3 * lower + 0.1 * central + 0.6 * smoothForeground.data[i]!;
    }
  }
  return prior;
}

/**
 * How unlike the frame's borders each pixel's colour is (0..1): borders are usually background.
 * Each side is summarised by its mean colour and a pixel is compared with the closest one.
 * A panorama's left/right edges are a seam, not a border, so only top and bottom count there.
 */
function borderDistinctness(rgb: ColourPlanes, wrapX: boolean): Float32Array {
  const { width, height } = rgb[0];
  const sides = [
    meanColour(rgb, 0, 1, width), // top
    meanColour(rgb, (height - 1) * width, 1, width), // bottom
  ];
  if (!wrapX) {
    sides.push(meanColour(rgb, 0, width, height)); // left
    sides.push(meanColour(rgb, width - 1, width, height)); // right
  }
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    let nearest = Infinity;
    for (const side of sides) {
      const dr = rgb[0].data[i]! - side[0];
      const dg = rgb[1].data[i]! - side[1];
      const db = rgb[2].data[i]! - side[2];
      nearest = Math.min(nearest, Math.sqrt(dr * dr + dg * dg + db * db));
    }
    out[i] = nearest / Math.sqrt(3);
  }
  return out;
}

/** Mean colour of `count` pixels starting at pixel `start`, `stride` pixels apart. */
function meanColour(rgb: ColourPlanes, start: number, stride: number, count: number): [number, number, number] {
  const mean: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < count; k++) {
    for (let c = 0; c < 3; c++) mean[c]! += rgb[c]!.data[start + k * stride]! / count;
  }
  return mean;
}

/**
 * Gastal & Oliveira's domain-transform recursive filter (2011): edge-aware smoothing of `planes` that
 * spreads values freely within regions of similar colour in `edges` but hardly across its colour edges.
 */
function smoothWithinRegions<Planes extends Plane[]>(
  planes: Planes,
  edges: ColourPlanes,
  spatialSigma: number,
  rangeSigma: number,
  wrapX: boolean,
): Planes {
  const { width, height } = edges[0];
  const out = planes.map((plane) => ({ width, height, data: plane.data.slice() })) as Planes;
  // Feedback tying each pixel to its left / upper neighbour: exp(-√2·d/σ), d their distance in the
  // transformed domain (1 + scaled colour difference), σ the first iteration's sigma (the paper's eq. 14).
  const firstSigma =
    (spatialSigma * Math.sqrt(3) * 2 ** (SMOOTHING_ITERATIONS - 1)) / Math.sqrt(4 ** SMOOTHING_ITERATIONS - 1);
  const scale = spatialSigma / rangeSigma;
  const horizontalWeights = new Float32Array(width * height);
  const verticalWeights = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const left = y * width + edgeIndex(x - 1, width, wrapX);
      const up = edgeIndex(y - 1, height, false) * width + x;
      let horizontal = 0;
      let vertical = 0;
      for (const channel of edges) {
        horizontal += Math.abs(channel.data[i]! - channel.data[left]!);
        vertical += Math.abs(channel.data[i]! - channel.data[up]!);
      }
      horizontalWeights[i] = Math.exp((-Math.SQRT2 * (1 + scale * horizontal)) / firstSigma);
      verticalWeights[i] = Math.exp((-Math.SQRT2 * (1 + scale * vertical)) / firstSigma);
    }
  }
  for (let k = 0; k < SMOOTHING_ITERATIONS; k++) {
    // Each iteration halves sigma, which squares the feedback.
    if (k > 0) [horizontalWeights, verticalWeights].forEach(squareInPlace);
    for (const plane of out) {
      for (let y = 0; y < height; y++) recursiveLine(plane.data, horizontalWeights, y * width, 1, width, wrapX);
      for (let x = 0; x < width; x++) recursiveLine(plane.data, verticalWeights, x, width, height, false);
    }
  }
  return out;
}

function squareInPlace(values: Float32Array): void {
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * values[i]!;
}

/**
 * A causal then an anti-causal first-order recursive filter along one line; weights[i] is how strongly
 * sample i is tied to its predecessor. On a wrapping line each pass first goes round once without
 * writing, so the state arriving back at the start already reflects the far end.
 */
function recursiveLine(
  data: Float32Array,
  weights: Float32Array,
  start: number,
  stride: number,
  length: number,
  wrap: boolean,
): void {
  const last = start + (length - 1) * stride;
  let state = data[start]!;
  if (wrap) for (let i = start; i <= last; i += stride) state += (1 - weights[i]!) * (data[i]! - state);
  for (let i = start; i <= last; i += stride) data[i] = state += (1 - weights[i]!) * (data[i]! - state);
  // Going backwards, sample i is tied to its successor `link`. For the last sample that is the start,
  // which only matters on a wrapping line: otherwise the state is that sample's own value anyway.
  state = data[last]!;
  if (wrap)
    for (let i = last, link = start; i >= start; link = i, i -= stride)
      state += (1 - weights[link]!) * (data[i]! - state);
  for (let i = last, link = start; i >= start; link = i, i -= stride)
    data[i] = state += (1 - weights[link]!) * (data[i]! - state);
}

function product(a: Plane, b: Plane): Plane {
  const out = emptyPlane(a.width, a.height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i]! * b.data[i]!;
  return out;
}

interface GuidedCoefficients {
  /** Per-pixel weights of the red, green and blue guide channels. */
  a: ColourPlanes;
  b: Plane;
}

/**
 * He et al.'s guided filter with a colour guide, which also keeps edges between colours of equal
 * luminance: per window, fits input ≈ a·rgb + b by regularised least squares, then averages the fits
 * over the windows covering each pixel. Returned unapplied so they can be upsampled onto the full-size
 * image (the "fast guided filter").
 */
function guidedCoefficients(
  guide: ColourPlanes,
  input: Plane,
  radius: number,
  eps: number,
  wrapX: boolean,
): GuidedCoefficients {
  const mean = (plane: Plane) => boxMean(plane, radius, wrapX).data;
  const [red, green, blue] = guide;
  const [meanR, meanG, meanB, meanP] = [mean(red), mean(green), mean(blue), mean(input)];
  const [meanRR, meanRG, meanRB, meanGG, meanGB, meanBB] = [
    mean(product(red, red)),
    mean(product(red, green)),
    mean(product(red, blue)),
    mean(product(green, green)),
    mean(product(green, blue)),
    mean(product(blue, blue)),
  ];
  const [meanRP, meanGP, meanBP] = [mean(product(red, input)), mean(product(green, input)), mean(product(blue, input))];

  const { width, height } = input;
  const a: ColourPlanes = [emptyPlane(width, height), emptyPlane(width, height), emptyPlane(width, height)];
  const b = emptyPlane(width, height);
  for (let i = 0; i < b.data.length; i++) {
    const mr = meanR[i]!;
    const mg = meanG[i]!;
    const mb = meanB[i]!;
    const mp = meanP[i]!;
    // Guide covariance (regularised) and guide-input covariance over the window.
    const rr = meanRR[i]! - mr * mr + eps;
    const rg = meanRG[i]! - mr * mg;
    const rb = meanRB[i]! - mr * mb;
    const gg = meanGG[i]! - mg * mg + eps;
    const gb = meanGB[i]! - mg * mb;
    const bb = meanBB[i]! - mb * mb + eps;
    const rp = meanRP[i]! - mr * mp;
    const gp = meanGP[i]! - mg * mp;
    const bp = meanBP[i]! - mb * mp;
    // Solve the symmetric 3x3 system via its adjugate.
    const i00 = gg * bb - gb * gb;
    const i01 = gb * rb - rg * bb;
    const i02 = rg * gb - gg * rb;
    const i11 = rr * bb - rb * rb;
    const i12 = rb * rg - rr * gb;
    const i22 = rr * gg - rg * rg;
    const det = rr * i00 + rg * i01 + rb * i02;
    const ar = (i00 * rp + i01 * gp + i02 * bp) / det;
    const ag = (i01 * rp + i11 * gp + i12 * bp) / det;
    const ab = (i02 * rp + i12 * gp + i22 * bp) / det;
    a[0].data[i] = ar;
    a[1].data[i] = ag;
    a[2].data[i] = ab;
    b.data[i] = mp - ar * mr - ag * mg - ab * mb;
  }
  return {
    a: [boxMean(a[0], radius, wrapX), boxMean(a[1], radius, wrapX), boxMean(a[2], radius, wrapX)],
    b: boxMean(b, radius, wrapX),
  };
}

/**
 * Evaluates a·rgb + b on the full-size image, with a and b bilinearly upsampled from the working size:
 * per output row, the two nearest coefficient rows are blended once, then sampled along the row.
 */
function applyCoefficients(coefficients: GuidedCoefficients, image: RgbImage, wrapX: boolean): Plane {
  const { width, height, data } = image;
  const planes = [...coefficients.a, coefficients.b];
  const smallWidth = coefficients.b.width;
  const columns = interpolationAxis(width, smallWidth, wrapX);
  const rows = interpolationAxis(height, coefficients.b.height, false);
  const blended = planes.map(() => new Float32Array(smallWidth));
  const [ar, ag, ab, b] = blended as [Float32Array, Float32Array, Float32Array, Float32Array];
  const out = emptyPlane(width, height);
  for (let y = 0; y < height; y++) {
    planes.forEach((plane, k) =>
      blendRows(plane.data, rows.first[y]! * smallWidth, rows.second[y]! * smallWidth, rows.weight[y]!, blended[k]!),
    );
    for (let x = 0; x < width; x++) {
      const left = columns.first[x]!;
      const right = columns.second[x]!;
      const t = columns.weight[x]!;
      const i = y * width + x;
      const weighted =
        lerp(ar[left]!, ar[right]!, t) * data[i * 3]! +
        lerp(ag[left]!, ag[right]!, t) * data[i * 3 + 1]! +
        lerp(ab[left]!, ab[right]!, t) * data[i * 3 + 2]!;
      out.data[i] = weighted / 255 + lerp(b[left]!, b[right]!, t);
    }
  }
  return out;
}

/** out = the row starting at `first` blended towards the one at `second` by `t`. */
function blendRows(data: Float32Array, first: number, second: number, t: number, out: Float32Array): void {
  for (let x = 0; x < out.length; x++) out[x] = lerp(data[first + x]!, data[second + x]!, t);
}

function lerp(from: number, to: number, t: number): number {
  return from + (to - from) * t;
}

/**
 * For each of `size` output positions, the two source samples (of `sourceSize`) to blend and the weight of the second.
 */
function interpolationAxis(
  size: number,
  sourceSize: number,
  wrap: boolean,
): { first: Int32Array; second: Int32Array; weight: Float32Array } {
  const first = new Int32Array(size);
  const second = new Int32Array(size);
  const weight = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    // Align pixel centres; outside the outermost source centres, clamp or (for a seam) wrap.
    const position = ((i + 0.5) * sourceSize) / size - 0.5;
    const lower = Math.floor(position);
    first[i] = edgeIndex(lower, sourceSize, wrap);
    second[i] = edgeIndex(lower + 1, sourceSize, wrap);
    weight[i] = position - lower;
  }
  return { first, second, weight };
}

/** Index into a line of `length` samples for a position past its ends: repeat the edge sample, or wrap around. */
function edgeIndex(position: number, length: number, wrap: boolean): number {
  if (wrap) return ((position % length) + length) % length;
  return position < 0 ? 0 : position >= length ? length - 1 : position;
}

/** Mean over a (2r+1)² window, separably with running sums: O(1) per pixel whatever the radius. */
function boxMean(plane: Plane, radius: number, wrapX: boolean): Plane {
  const { width, height } = plane;
  const horizontal = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) boxLine(plane.data, horizontal, y * width, 1, width, radius, wrapX);
  for (let x = 0; x < width; x++) boxLine(horizontal, out, x, width, height, radius, false);
  return { width, height, data: out };
}

/** Sliding mean along one line of `length` samples spaced `stride` apart from `start`. */
function boxLine(
  src: Float32Array,
  dst: Float32Array,
  start: number,
  stride: number,
  length: number,
  radius: number,
  wrap: boolean,
): void {
  const sample = (position: number) => src[start + edgeIndex(position, length, wrap) * stride]!;
  let sum = 0;
  for (let k = -radius; k <= radius; k++) sum += sample(k);
  const size = 2 * radius + 1;
  for (let x = 0; x < length; x++) {
    dst[start + x * stride] = sum / size;
    sum += sample(x + radius + 1) - sample(x - radius);
  }
}

/** Maps the 1st..99th percentiles onto 0..1, clamping beyond; a constant map becomes 0.5. */
function normaliseRobustly(plane: Plane): void {
  let [low, high] = percentileRange(plane);
  // Mostly one value (a flat image with a small feature): the percentiles coincide, so use the full range.
  if (!(high > low)) [low, high] = fullRange(plane.data);
  if (!(high > low)) {
    plane.data.fill(0.5);
    return;
  }
  const { data } = plane;
  const scale = 1 / (high - low);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(1, Math.max(0, (data[i]! - low) * scale));
}

/** The low and high percentiles, estimated from a grid of at most PERCENTILE_GRID² pixels. */
function percentileRange(plane: Plane): [number, number] {
  const { width, height, data } = plane;
  const stepX = Math.ceil(width / PERCENTILE_GRID);
  const stepY = Math.ceil(height / PERCENTILE_GRID);
  const sample = new Float32Array(Math.ceil(width / stepX) * Math.ceil(height / stepY));
  let n = 0;
  for (let y = 0; y < height; y += stepY) {
    for (let x = 0; x < width; x += stepX) sample[n++] = data[y * width + x]!;
  }
  sample.sort();
  const last = sample.length - 1;
  return [sample[Math.floor(LOW_PERCENTILE * last)]!, sample[Math.ceil(HIGH_PERCENTILE * last)]!];
}

function fullRange(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return [min, max];
}

/**
 * Immersity's dilation: a max filter (grows near regions) for `direction` > 0, a min filter for < 0,
 * done as a max filter on the negated map so both share one implementation.
 */
function applyDilation(plane: Plane, radius: number, direction: number, wrapX: boolean): void {
  if (radius === 0 || direction === 0) return;
  if (direction < 0) negate(plane.data);
  maxFilter(plane, radius, wrapX);
  if (direction < 0) negate(plane.data);
}

function negate(values: Float32Array): void {
  for (let i = 0; i < values.length; i++) values[i] = -values[i]!;
}

/**
 * In-place max over a (2r+1)² square, separably: along rows (wrapping for panoramas), then along
 * columns as the rows of the transpose, which keeps memory access sequential.
 */
function maxFilter(plane: Plane, radius: number, wrapX: boolean): void {
  const { width, height, data } = plane;
  const transposed = new Float32Array(data.length);
  maxFilterRows(data, width, height, radius, wrapX);
  transpose(data, width, height, transposed);
  maxFilterRows(transposed, height, width, radius, false);
  transpose(transposed, height, width, data);
}

/** Writes the height x width transpose of a width x height image into `out`, in small tiles that stay in cache. */
function transpose(data: Float32Array, width: number, height: number, out: Float32Array): void {
  const tile = 16;
  for (let y0 = 0; y0 < height; y0 += tile) {
    const y1 = Math.min(y0 + tile, height);
    for (let x0 = 0; x0 < width; x0 += tile) {
      const x1 = Math.min(x0 + tile, width);
      for (let x = x0; x < x1; x++) {
        for (let y = y0; y < y1; y++) out[x * height + y] = data[y * width + x]!;
      }
    }
  }
}

function maxFilterRows(data: Float32Array, width: number, height: number, radius: number, wrap: boolean): void {
  const scratch: MaxLineScratch = {
    padded: new Float32Array(width + 2 * radius),
    prefix: new Float32Array(width + 2 * radius),
    suffix: new Float32Array(width + 2 * radius),
  };
  for (let y = 0; y < height; y++) maxLine(data.subarray(y * width, (y + 1) * width), radius, wrap, scratch);
}

interface MaxLineScratch {
  padded: Float32Array;
  prefix: Float32Array;
  suffix: Float32Array;
}

/**
 * In-place sliding max along one line, van Herk/Gil-Werman: in blocks of the window size, running maxima
 * forward and backward; any window spans at most two blocks, so it is the max of one suffix and one prefix.
 */
function maxLine(line: Float32Array, radius: number, wrap: boolean, scratch: MaxLineScratch): void {
  const { padded, prefix, suffix } = scratch;
  const length = line.length;
  const size = 2 * radius + 1;
  const paddedLength = length + 2 * radius;
  padded.set(line, radius);
  for (let i = 0; i < radius; i++) {
    padded[i] = line[edgeIndex(i - radius, length, wrap)]!;
    padded[radius + length + i] = line[edgeIndex(length + i, length, wrap)]!;
  }
  for (let blockStart = 0; blockStart < paddedLength; blockStart += size) {
    const blockEnd = Math.min(blockStart + size, paddedLength);
    // Running maxima kept in a local: reading them back from the array is several times slower.
    let running = -Infinity;
    for (let i = blockStart; i < blockEnd; i++) prefix[i] = running = Math.max(running, padded[i]!);
    running = -Infinity;
    for (let i = blockEnd - 1; i >= blockStart; i--) suffix[i] = running = Math.max(running, padded[i]!);
  }
  for (let x = 0; x < length; x++) line[x] = Math.max(suffix[x]!, prefix[x + 2 * radius]!);
}
