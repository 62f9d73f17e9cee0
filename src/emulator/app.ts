// The Immersity Cloud API, emulated: strict validation with the shared schemas, bearer tokens from
// a client-credentials endpoint, a credit balance, and real reads and writes through the URLs it is
// given. Faults for tests come through a control API that answers loopback callers only.
import { Hono, type Context } from "hono";
import type { HttpBindings } from "@hono/node-server";
import * as z from "zod/mini";
import { EMULATOR_CONTROL_PREFIX, EmulatorFaults } from "../shared/emulator.js";
import {
  AnimationParams,
  DISPARITY_DEFAULTS,
  DisparityParams,
  TOKEN_PATH,
  TokenRequest,
  UploadUrlQuery,
  type CallResult,
  type Prices,
} from "../shared/immersity.js";
import type { AnimationThread } from "./animation/animation-thread.js";
import { MAX_OUTPUT_SIDE } from "../shared/output-size.js";
import { renderAnimation } from "./animation/render-animation.js";
import { BLOB_PREFIX, type BlobStore } from "./blob-store.js";
import { UnreadableInput } from "./decode-input.js";
import { renderDisparity, renderFlatDisparity } from "./render-disparity.js";
import type { EmulatorState } from "./state.js";

type Env = { Bindings: HttpBindings };

const MAX_INPUT_BYTES = 100 * 1024 * 1024;

/** The published contract, plus the emulator's own limit on the frame size. */
const AnimationRequest = AnimationParams.check(
  z.refine(
    (p) => Math.max(p.outputWidth ?? 0, p.outputHeight ?? 0) <= MAX_OUTPUT_SIDE,
    `outputWidth and outputHeight: the emulator renders at most ${MAX_OUTPUT_SIDE} px per side`,
  ),
);

class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 402 | 404 | 413 | 429 | 500 | 503,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isLoopbackPeer(c: Context<Env>): boolean {
  const address = c.env?.incoming?.socket?.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function requireToken(c: Context<Env>, state: EmulatorState): void {
  const match = /^Bearer (\S+)$/.exec(c.req.header("authorization") ?? "");
  if (!match || !state.tokenValid(match[1]!)) throw new Refusal(401, "Unauthorized");
}

async function readJson<T extends z.ZodMiniType>(c: Context<Env>, schema: T): Promise<z.infer<T>> {
  const body = await c.req.json().catch(() => {
    throw new Refusal(400, "Body must be JSON");
  });
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new Refusal(400, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

/** The bytes behind an input URL of the request field `field`. */
async function fetchInput(url: string, blobs: BlobStore, field: string): Promise<Uint8Array> {
  const own = safeUrl(url) && blobs.resolve(new URL(url));
  if (own) {
    const blob = blobs.read(own.id);
    if (!blob) throw new Refusal(400, `${field} points to an empty upload slot`);
    return blob.bytes;
  }
  if (!safeUrl(url)) throw new Refusal(400, `${field} must be an http(s) URL`);
  const response = await fetch(url).catch(() => null);
  if (!response?.ok) throw new Refusal(400, `${field} could not be read (${response?.status ?? "network error"})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_INPUT_BYTES) throw new Refusal(413, `${field}: input is too large`);
  return bytes;
}

/** An input that does not decode is the caller's mistake: 400, naming the field. */
async function decoded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UnreadableInput)
      throw new Refusal(400, `${error.field} is not a readable image: ${error.message}`);
    throw error;
  }
}

function safeUrl(url: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The URL with its path changed: every storage refuses it as one it did not sign. */
function unsignedTwin(url: string): string {
  const twin = new URL(url);
  twin.pathname += "-unsigned";
  return twin.href;
}

/**
 * Writes the result where the caller asked, or into a new slot of the emulated Immersity storage; returns the URL to
 * answer.
 */
async function writeResult(
  target: string | undefined,
  bytes: Uint8Array,
  contentType: string,
  blobs: BlobStore,
): Promise<string> {
  const own = target === undefined ? null : safeUrl(target) ? blobs.resolve(new URL(target)) : null;
  if (target === undefined || own) {
    const id = own?.id ?? blobs.resolve(new URL(blobs.create("result").putUrl))!.id;
    blobs.write(id, { bytes, contentType });
    return blobs.getUrlOf(id)!;
  }
  if (!safeUrl(target)) throw new Refusal(400, "resultPresignedUrl must be an http(s) URL");
  // An Azure Blob SAS URL refuses a PUT without x-ms-blob-type (400); S3, GCS and the backend's own URLs ignore it.
  const headers = { "content-type": contentType, "x-ms-blob-type": "BlockBlob" };
  const response = await fetch(target, { method: "PUT", body: bytes, headers }).catch(() => null);
  if (!response?.ok) throw new Refusal(500, `Writing the result failed (${response?.status ?? "network error"})`);
  await response.body?.cancel();
  return target;
}

export function createEmulatorApp(
  state: EmulatorState,
  blobs: BlobStore,
  prices: Prices,
  animations: AnimationThread,
): Hono<Env> {
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof Refusal)
      return c.json({ statusCode: error.status, message: error.message }, error.status, error.headers);
    console.error("emulator: unexpected error", error);
    return c.json({ statusCode: 500, message: "Internal server error" }, 500);
  });

  app.post(TOKEN_PATH, async (c) => {
    state.tokenRequests++;
    state.count("token");
    if (state.takeTokenFailure()) throw new Refusal(503, "Service Unavailable");
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    const parsed = TokenRequest.safeParse(form);
    if (!parsed.success)
      return c.json(
        { error: "invalid_request", error_description: "grant_type, client_id and client_secret are required" },
        400,
      );
    if (!state.credentialsMatch(parsed.data.client_id, parsed.data.client_secret)) {
      return c.json(
        { error: "invalid_client", error_description: "Invalid client or Invalid client credentials" },
        401,
      );
    }
    const { token, ttlS } = state.issueToken();
    return c.json({
      access_token: token,
      expires_in: ttlS,
      refresh_expires_in: 0,
      token_type: "Bearer",
      "not-before-policy": 0,
      scope: "profile email",
    });
  });

  /** Auth, latency and injected faults, common to every API call. */
  async function begin(c: Context<Env>, endpoint: string) {
    state.count(endpoint);
    requireToken(c, state);
    // Read before any waiting, as a service does that goes on working when its client has gone.
    if (c.req.raw.body) await c.req.text();
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    const outcome = state.nextOutcome();
    if (outcome.kind === "fail") {
      throw new Refusal(
        outcome.status as 429 | 500 | 503,
        "Injected failure",
        outcome.status === 429 ? { "retry-after": String(outcome.retryAfterS ?? 1) } : {},
      );
    }
    if (outcome.kind === "hang") {
      // Held until the client gives up, like a stuck upstream.
      await new Promise((resolve) => c.env.incoming.socket.once("close", resolve));
      throw new Refusal(503, "Hung call abandoned by the client");
    }
    return outcome;
  }

  /**
   * A call that makes a file, as Immersity's are: validated, refused with 402 before any work when the
   * balance is too low, charged once the result exists, then written where the caller asked; a
   * result that cannot be written is a failed call, and costs nothing.
   */
  function resultRoute<
    T extends z.ZodMiniType<{ correlationId?: string | undefined; resultPresignedUrl?: string | undefined }>,
  >(endpoint: string, schema: T, produce: (params: z.infer<T>) => Promise<{ bytes: Uint8Array; contentType: string }>) {
    return async (c: Context<Env>) => {
      const outcome = await begin(c, endpoint);
      const params = await readJson(c, schema);
      if (state.credits < state.creditsPerCall) throw new Refusal(402, "Not enough credits");
      const correlationId = params.correlationId ?? crypto.randomUUID();
      const result = await decoded(produce(params));
      if (!state.charge()) throw new Refusal(402, "Not enough credits");
      if (outcome.kind === "skipWrite")
        return c.json({ correlationId, resultPresignedUrl: params.resultPresignedUrl ?? "" } satisfies CallResult);
      const target =
        outcome.kind === "refusedWrite" && params.resultPresignedUrl
          ? unsignedTwin(params.resultPresignedUrl)
          : params.resultPresignedUrl;
      const resultUrl = await writeResult(target, result.bytes, result.contentType, blobs).catch((error: unknown) => {
        state.refund();
        throw error;
      });
      if (outcome.kind === "drop") {
        c.env.incoming.socket.destroy();
        return new Response(null);
      }
      return c.json({ correlationId, resultPresignedUrl: resultUrl } satisfies CallResult);
    };
  }

  app.post(
    "/api/v1/disparity",
    resultRoute("disparity", DisparityParams, async (params) => {
      const input = await fetchInput(params.inputImageUrl, blobs, "inputImageUrl");
      const render = state.flatResults ? renderFlatDisparity : renderDisparity;
      return { bytes: await render(input, { ...DISPARITY_DEFAULTS, ...params }), contentType: "image/png" };
    }),
  );

  app.post(
    "/api/v1/animation",
    resultRoute("animation", AnimationRequest, async (params) => {
      const [image, disparity] = await Promise.all([
        fetchInput(params.inputImageUrl, blobs, "inputImageUrl"),
        fetchInput(params.inputDisparityUrl, blobs, "inputDisparityUrl"),
      ]);
      return renderAnimation({ image, disparity }, params, animations);
    }),
  );

  app.get("/api/v1/prices", async (c) => {
    await begin(c, "prices");
    return c.json(prices);
  });

  app.get("/api/v1/get-upload-url", async (c) => {
    await begin(c, "getUploadUrl");
    const query = UploadUrlQuery.safeParse(c.req.query());
    if (!query.success) throw new Refusal(400, "Unknown query parameter");
    const slot = blobs.create(query.data.fileName);
    return c.json({ url: slot.putUrl, urlExpiresUTC: slot.expires.toISOString() });
  });

  app.put(`${BLOB_PREFIX}*`, async (c) => {
    const slot = blobs.resolve(new URL(c.req.url));
    if (slot?.access !== "put") throw new Refusal(401, "Invalid or expired upload URL");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > MAX_INPUT_BYTES) throw new Refusal(413, "Too large");
    blobs.write(slot.id, { bytes, contentType: c.req.header("content-type") ?? "application/octet-stream" });
    return c.body(null, 200);
  });

  app.get(`${BLOB_PREFIX}*`, (c) => {
    const slot = blobs.resolve(new URL(c.req.url));
    const blob = slot?.access === "get" ? blobs.read(slot.id) : undefined;
    if (!blob) throw new Refusal(404, "Not found");
    return c.body(blob.bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": blob.contentType,
      "access-control-allow-origin": "*",
    });
  });

  const control = new Hono<Env>();
  control.use(async (c, next) => {
    if (!isLoopbackPeer(c)) throw new Refusal(404, "Not found");
    return next();
  });
  control.get("/stats", (c) => c.json(state.stats()));
  control.post("/faults", async (c) => {
    state.apply(await readJson(c, EmulatorFaults));
    return c.json(state.stats());
  });
  control.post("/reset", (c) => {
    state.reset();
    return c.json(state.stats());
  });
  app.route(EMULATOR_CONTROL_PREFIX, control);

  app.notFound((c) => c.json({ statusCode: 404, message: "Cannot find route" }, 404));
  return app;
}
