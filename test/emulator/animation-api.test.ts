// POST /api/v1/animation over HTTP: as strict as the published contract, charged like disparity, and
// answering a real MP4 or GIF whose frames show parallax.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_OUTPUT_SIDE } from "../../src/shared/output-size.js";
import { useEmulator } from "../helpers/emulator-client.js";
import { scenePng } from "../helpers/images.js";
import { readMp4Video } from "../helpers/mp4.js";
import { centroid, isGreen, isRed, parallaxScenePngs, SCENE_HEIGHT, SCENE_WIDTH } from "../helpers/parallax-scene.js";

const client = useEmulator();
const { api } = client;

/** A 40×30 scene and its disparity, made by the emulator as an animation client would. */
async function sceneInputs() {
  const inputImageUrl = await client.upload(await scenePng(40, 30));
  const inputDisparityUrl = await client.slot("disparity.png");
  expect((await api("/api/v1/disparity", { inputImageUrl, resultPresignedUrl: inputDisparityUrl })).status).toBe(200);
  return { inputImageUrl, inputDisparityUrl };
}

/** Calls /api/v1/animation and answers the bytes of the result it names. */
async function animate(body: Record<string, unknown>): Promise<Uint8Array> {
  const response = await api("/api/v1/animation", body);
  expect(response.status, await response.clone().text()).toBe(200);
  const { resultPresignedUrl } = (await response.json()) as { resultPresignedUrl: string };
  const result = await fetch(resultPresignedUrl);
  expect(result.status).toBe(200);
  return new Uint8Array(await result.arrayBuffer());
}

async function gifInfo(bytes: Uint8Array) {
  const meta = await sharp(bytes, { animated: true }).metadata();
  expect(meta.format).toBe("gif");
  return { width: meta.width, height: meta.pageHeight, frames: meta.pages, delays: meta.delay ?? [], loop: meta.loop };
}

describe("POST /api/v1/animation: the contract", () => {
  it("needs a valid bearer token", async () => {
    expect(
      (await api("/api/v1/animation", { inputImageUrl: "http://x/i", inputDisparityUrl: "http://x/d" }, "not-a-token"))
        .status,
    ).toBe(401);
  });

  it("answers 400 for each field out of the published contract, before spending anything", async () => {
    const base = { inputImageUrl: "http://127.0.0.1:1/in.png", inputDisparityUrl: "http://127.0.0.1:1/disparity.png" };
    const ranges: Record<string, [number, number]> = {
      animationLength: [1, 10],
      amplitudeX: [0, 10],
      amplitudeY: [0, 10],
      amplitudeZ: [0, 10],
      phaseX: [0, 7],
      phaseY: [0, 7],
      phaseZ: [0, 7],
      gain: [0, 10],
      convergence: [-1, 1],
      numberOfLoops: [0, 10],
    };
    const invalid: unknown[] = [
      "{broken",
      {},
      { inputImageUrl: base.inputImageUrl },
      { inputDisparityUrl: base.inputDisparityUrl },
      { ...base, inputDisparityUrl: 42 },
      { ...base, inputImageUrl: "" },
      { ...base, unknownField: true },
      { ...base, animationType: "webm" },
      { ...base, pattern: "1,2" },
      { ...base, pattern: "0,0,x" },
      { ...base, pattern: [0, 0, 0] },
      { ...base, outputWidth: 0 },
      { ...base, outputWidth: 100.5 },
      { ...base, outputHeight: -10 },
      { ...base, outputHeight: "100" },
      { ...base, outputWidth: MAX_OUTPUT_SIDE + 1 },
      { ...base, outputFps: 12 },
      { ...base, outputFps: 0 },
      { ...base, outputFps: 120 },
      { ...base, outputFps: "30" },
      { ...base, correlationId: 7 },
      ...Object.entries(ranges).flatMap(([field, [min, max]]) => [
        { ...base, [field]: min - 0.01 },
        { ...base, [field]: max + 0.01 },
        { ...base, [field]: String(min) },
      ]),
    ];
    for (const body of invalid) expect((await api("/api/v1/animation", body)).status, JSON.stringify(body)).toBe(400);
    const stats = await client.stats();
    expect(stats.creditsSpent).toBe(0);
    expect(stats.calls.animation).toBe(invalid.length);
  });

  it("answers 400 naming inputDisparityUrl when the disparity cannot be read or is not an image", async () => {
    const { inputImageUrl } = await sceneInputs();
    const unreachable = await api("/api/v1/animation", {
      inputImageUrl,
      inputDisparityUrl: "http://127.0.0.1:1/none.png",
    });
    expect(unreachable.status).toBe(400);
    expect(await unreachable.text()).toContain("inputDisparityUrl");
    const garbage = await api("/api/v1/animation", {
      inputImageUrl,
      inputDisparityUrl: await client.upload(new TextEncoder().encode("not an image")),
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain("inputDisparityUrl is not a readable image");
    // Only the disparity call that made the inputs.
    expect((await client.stats()).creditsSpent).toBe(10);
  });

  it("charges 10 credits a call and answers 402 once the balance is too low", async () => {
    const inputs = await sceneInputs();
    await client.faults({ credits: 15 });
    const body = { ...inputs, animationType: "gif", animationLength: 1, outputFps: 5 };
    expect((await api("/api/v1/animation", body)).status).toBe(200);
    expect((await api("/api/v1/animation", body)).status).toBe(402);
    expect(await client.stats()).toMatchObject({ credits: 5, creditsSpent: 20, calls: { animation: 2, disparity: 1 } });
  });

  it("injects faults as disparity does: a failure costs nothing, a skipped write answers 200", async () => {
    const body = { ...(await sceneInputs()), animationType: "gif", animationLength: 1, outputFps: 5 };
    await client.faults({ failNext: { status: 503, count: 1 } });
    expect((await api("/api/v1/animation", body)).status).toBe(503);
    expect((await client.stats()).creditsSpent).toBe(10);
    await client.faults({ skipWriteNext: 1 });
    const skipped = await api("/api/v1/animation", body);
    expect(skipped.status).toBe(200);
    expect(await skipped.json()).toMatchObject({ resultPresignedUrl: "" });
  });
});

describe("POST /api/v1/animation: the file", () => {
  it("writes an H.264 MP4 of the input's size, 30 fps for 4 seconds by default", async () => {
    const mp4 = await animate(await sceneInputs());
    expect(readMp4Video(mp4)).toEqual({
      brand: expect.stringMatching(/^(isom|mp4[12])$/),
      codec: "avc1",
      width: 40,
      height: 30,
      frames: 120,
      duration: 4,
    });
  });

  it("follows outputWidth with the input's aspect, outputFps and animationLength", async () => {
    const mp4 = await animate({
      ...(await sceneInputs()),
      animationType: "mp4",
      outputWidth: 64,
      outputFps: 10,
      animationLength: 1.5,
    });
    expect(readMp4Video(mp4)).toMatchObject({ width: 64, height: 48, frames: 15, duration: 1.5 });
  });

  it("writes a GIF of the requested size and frame count, at 15 fps by default, playing once", async () => {
    const gif = await animate({
      ...(await sceneInputs()),
      animationType: "gif",
      outputWidth: 50,
      outputHeight: 50,
      animationLength: 2,
    });
    const info = await gifInfo(gif);
    expect(info).toMatchObject({ width: 50, height: 50, frames: 30, loop: 1 });
    expect(info.delays.reduce((sum, delay) => sum + delay, 0)).toBe(2000);
  });

  it("takes the frame count from pattern, times 1 + numberOfLoops", async () => {
    const inputs = await sceneInputs();
    const pattern = "{0,0,0, 0.5,0,0, 1,0,0, 0.5,0,0, 0,0,0}";
    expect(
      (await gifInfo(await animate({ ...inputs, animationType: "gif", pattern, animationLength: 10 }))).frames,
    ).toBe(5);
    expect((await gifInfo(await animate({ ...inputs, animationType: "gif", pattern, numberOfLoops: 1 }))).frames).toBe(
      10,
    );
    expect(readMp4Video(await animate({ ...inputs, pattern, outputFps: 5 }))).toMatchObject({ frames: 5, duration: 1 });
  });

  it("renders every field at its limits", async () => {
    const extremes = {
      amplitudeX: 10,
      amplitudeY: 10,
      amplitudeZ: 10,
      phaseX: 7,
      phaseY: 7,
      phaseZ: 7,
      gain: 10,
      convergence: 1,
      numberOfLoops: 1,
      animationLength: 1,
    };
    const gif = await animate({ ...(await sceneInputs()), ...extremes, animationType: "gif", outputFps: 5 });
    expect(await gifInfo(gif)).toMatchObject({ width: 40, height: 30, frames: 10 });
  });

  it("moves near pixels more than far ones, against the camera, in the decoded frames", async () => {
    const pngs = await parallaxScenePngs();
    const gif = await animate({
      inputImageUrl: await client.upload(pngs.image),
      inputDisparityUrl: await client.upload(pngs.disparity),
      animationType: "gif",
      // The camera moves right by 2 between the two frames.
      pattern: "-1,0,0, 1,0,0",
      // Still at disparity 0.3: the far background (0.2) moves a little with the camera, the near square (1) a lot
      // against it.
      convergence: -0.4,
      gain: 2,
    });
    const { data, info } = await sharp(gif, { animated: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.pageHeight, info.pages]).toEqual([SCENE_WIDTH, SCENE_HEIGHT, 2]);
    const frameBytes = SCENE_WIDTH * SCENE_HEIGHT * 4;
    const frames = [0, 1].map((k) => new Uint8Array(data.buffer, data.byteOffset + k * frameBytes, frameBytes));
    const [nearBefore, nearAfter] = frames.map((frame) => centroid(frame, SCENE_WIDTH, isRed));
    const [farBefore, farAfter] = frames.map((frame) => centroid(frame, SCENE_WIDTH, isGreen));
    const nearMove = nearAfter!.x - nearBefore!.x;
    const farMove = farAfter!.x - farBefore!.x;
    expect(nearMove).toBeLessThan(-5);
    expect(farMove).toBeGreaterThan(0);
    expect(Math.abs(nearMove)).toBeGreaterThan(3 * Math.abs(farMove));
    expect(Math.abs(nearAfter!.y - nearBefore!.y)).toBeLessThan(0.5);
  });

  it("keeps answering other calls while an animation renders", async () => {
    const inputImageUrl = await client.upload(await scenePng(480, 360));
    const inputDisparityUrl = await client.slot("disparity.png");
    expect((await api("/api/v1/disparity", { inputImageUrl, resultPresignedUrl: inputDisparityUrl })).status).toBe(200);
    let done = false;
    const animation = api("/api/v1/animation", { inputImageUrl, inputDisparityUrl }).then((response) => {
      done = true;
      return response.status;
    });
    // A call every 10 ms or so until the animation is done. Rendering on the event loop would hold them
    // until it ends, so only the few made while the inputs decode would get through (under 5 here),
    // against some 100 with the worker.
    let answered = 0;
    while (!done) {
      expect((await api("/api/v1/prices")).status).toBe(200);
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await animation).toBe(200);
    expect(answered).toBeGreaterThan(20);
  });
});
