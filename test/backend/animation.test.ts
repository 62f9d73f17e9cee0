// POST /v1/animation over real HTTP: the disparity it needs is reused or made first, the result is
// content-addressed like disparity, and credits are counted at the emulator.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { Problem } from "../../src/shared/errors.js";
import { ResultResponse } from "../../src/shared/api.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { upload } from "../helpers/stack.js";
import { useStack } from "../helpers/use-stack.js";

let seed = 5000;
const stack = useStack();

async function image() {
  const png = await scenePng(96, 64, seed++);
  return upload(stack, png, "image/png", sha256(png));
}

async function animate(body: object) {
  const response = await stack.api("/v1/animation", { json: body });
  return { response, body: (await response.json()) as ResultResponse & { code?: string } };
}

const short = { animationLength: 1, outputFps: 5 };

describe("POST /v1/animation", () => {
  it("makes the disparity, then an MP4, and answers the repeat from storage for free", async () => {
    const imageId = await image();
    const first = await animate({ imageId, options: short });
    expect(first.response.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ contentType: "video/mp4", cached: false });
    const file = new Uint8Array(await (await fetch(first.body.url)).arrayBuffer());
    expect(new TextDecoder().decode(file.subarray(4, 8))).toBe("ftyp");
    expect(await stack.stats()).toMatchObject({ calls: { disparity: 1, animation: 1 }, creditsSpent: 20 });

    const again = await animate({ imageId, options: { ...short, amplitudeX: 1 } });
    expect(again.body).toMatchObject({ cached: true, resultId: first.body.resultId });
    expect((await stack.stats()).creditsSpent).toBe(20);
  });

  it("reuses the stored disparity for a GIF of the same image: one more call, not two", async () => {
    const imageId = await image();
    await animate({ imageId, options: short });
    const gif = await animate({ imageId, options: { ...short, animationType: "gif", outputWidth: 48 } });
    expect(gif.body).toMatchObject({ contentType: "image/gif", cached: false });
    const file = new Uint8Array(await (await fetch(gif.body.url)).arrayBuffer());
    expect(new TextDecoder().decode(file.subarray(0, 6))).toBe("GIF89a");
    expect(new DataView(file.buffer).getUint16(6, true)).toBe(48);
    expect(await stack.stats()).toMatchObject({ calls: { disparity: 1, animation: 2 }, creditsSpent: 30 });
  });

  it("uses a disparity map made earlier by id, and refuses an id that is not stored", async () => {
    const imageId = await image();
    const disparity = (await (
      await stack.api("/v1/disparity", { json: { imageId, options: { dilation: 0 } } })
    ).json()) as ResultResponse;
    const made = await animate({ imageId, disparityResultId: disparity.resultId, options: short });
    expect(made.response.status).toBe(200);
    expect((await stack.stats()).calls).toMatchObject({ disparity: 1, animation: 1 });

    const missing = await stack.api("/v1/animation", { json: { imageId, disparityResultId: "e".repeat(64) } });
    expect(missing.status).toBe(404);
    expect(Problem.parse(await missing.json()).code).toBe("disparity_not_found");
  });

  it("animates with a disparity map the client supplies: one call, none for the map", async () => {
    const imageId = await image();
    const grey16 = new Uint16Array(96 * 64).map((_, i) => (i % 96) * 680);
    const map = await sharp(Buffer.from(grey16.buffer), {
      raw: { width: 96, height: 64, channels: 1, premultiplied: false },
    })
      .toColourspace("grey16")
      .png()
      .toBuffer();
    expect(map[24]).toBe(16);
    const disparityImageId = await upload(stack, map, "image/png", sha256(map));
    const made = await animate({ imageId, disparityImageId, options: short });
    expect(made.response.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body).toMatchObject({ contentType: "video/mp4", cached: false });
    const stats = await stack.stats();
    expect(stats.calls).toEqual({ animation: 1 });
    expect(stats.creditsSpent).toBe(10);
    const again = await animate({ imageId, disparityImageId, options: short });
    expect(again.body).toMatchObject({ cached: true, resultId: made.body.resultId });
    const made8 = await animate({ imageId, options: short });
    expect(made8.body.resultId).not.toBe(made.body.resultId);
  });

  it("refuses a supplied map that is not a grayscale PNG of the image's size, before anything is spent", async () => {
    const imageId = await image();
    const colour = await scenePng(96, 64, seed++);
    const small = await sharp({ create: { width: 48, height: 32, channels: 3, background: "#808080" } })
      .toColourspace("b-w")
      .png()
      .toBuffer();
    for (const [map, detail] of [
      [colour, /grayscale PNG/],
      [small, /48×32 px; it must be the image's size, 96×64 px/],
    ] as const) {
      const disparityImageId = await upload(stack, map, "image/png", sha256(map));
      const refused = await animate({ imageId, disparityImageId, options: short });
      expect(refused.response.status).toBe(422);
      const problem = Problem.parse(refused.body);
      expect(problem.code).toBe("image_invalid");
      expect(problem.detail).toMatch(detail);
    }
    const both = await animate({ imageId, disparityImageId: imageId, disparityResultId: "e".repeat(64) });
    expect(both.response.status).toBe(400);
    expect(Problem.parse(both.body).code).toBe("invalid_request");
    expect((await stack.stats()).creditsSpent).toBe(0);
  });

  it("treats a pattern written two ways as one request, whatever the path fields say", async () => {
    const imageId = await image();
    const a = await animate({ imageId, options: { pattern: "{0,0,0, 0.5,0,0, 1,0,0}", outputFps: 5 } });
    const b = await animate({
      imageId,
      options: { pattern: "0, 0, 0, 0.5, 0, 0, 1, 0, 0", amplitudeX: 7, outputFps: 5 },
    });
    expect(b.body).toMatchObject({ cached: true, resultId: a.body.resultId });
  });

  it("refuses options outside Immersity's contract before anything is spent", async () => {
    const imageId = await image();
    for (const options of [
      { outputFps: 12 },
      { amplitudeX: 11 },
      { phaseY: -1 },
      { animationType: "webm" },
      { pattern: "1,2" },
      { frames: 3 },
    ]) {
      const response = await stack.api("/v1/animation", { json: { imageId, options } });
      expect(response.status, JSON.stringify(options)).toBe(400);
      expect(Problem.parse(await response.json()).code).toBe("invalid_request");
    }
    expect((await stack.stats()).creditsSpent).toBe(0);
  });

  it("pays for the disparity once when the animation call finds the account empty", async () => {
    const imageId = await image();
    await stack.faults({ credits: 10 });
    const broke = await animate({ imageId, options: short });
    expect(broke.response.status).toBe(402);
    expect(broke.body.code).toBe("insufficient_credits");
    await stack.faults({ credits: 100 });
    const paid = await animate({ imageId, options: short });
    expect(paid.response.status).toBe(200);
    expect(await stack.stats()).toMatchObject({ calls: { disparity: 1, animation: 2 }, creditsSpent: 20 });
  });
});
