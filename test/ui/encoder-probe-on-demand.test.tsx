// @vitest-environment happy-dom
// The encoder probe waits for a view that shows its answer: WebCodecs' support check is slow where
// the encoders are software, so opening the plugin on the Depth tab must not run it. Once run, its
// answer serves every later view without asking WebCodecs again.
import { act, renderHook, waitFor } from "@testing-library/preact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEncoderProbe } from "../../src/ui/components/use-encoder-probe.js";
import { loadRender } from "../../src/ui/on-demand.js";

const asked: string[] = [];
beforeAll(() => {
  // This computer encodes H.264 only.
  Object.assign(globalThis, {
    VideoEncoder: {
      isConfigSupported: async (config: { codec: string }) => {
        asked.push(config.codec);
        return { supported: config.codec.startsWith("avc") };
      },
    },
  });
});
afterAll(() => {
  delete (globalThis as { VideoEncoder?: unknown }).VideoEncoder;
});

describe("the encoder probe", () => {
  it("runs once a view wants it, not before, and only once", async () => {
    const first = renderHook(({ wanted }) => useEncoderProbe(wanted), { initialProps: { wanted: false } });
    // Had the probe started, it would have reached WebCodecs once src/render is loaded.
    await act(async () => {
      await loadRender();
    });
    expect(asked).toEqual([]);
    expect(first.result.current).toBeNull();

    first.rerender({ wanted: true });
    await waitFor(() => expect(first.result.current).not.toBeNull());
    expect(first.result.current).toEqual({ video: ["avc"] });
    const checks = asked.length;
    expect(checks).toBeGreaterThan(0);

    first.rerender({ wanted: false });
    expect(first.result.current).toEqual({ video: ["avc"] });
    const later = renderHook(() => useEncoderProbe(true));
    await waitFor(() => expect(later.result.current).toEqual({ video: ["avc"] }));
    expect(asked).toHaveLength(checks);
  });
});
