// Two backends sharing one S3 bucket and nothing else (each its own port, storage folder, token,
// caches and in-flight table): whatever one stored, the other finds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResultResponse, UploadResponse } from "../../src/shared/api.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { startStack, upload, type Stack } from "../helpers/stack.js";
import { startS3rver, type S3Server } from "../helpers/storage-servers.js";

let s3: S3Server;
let first: Stack;
let second: Stack;
beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket("shared");
  first = await startStack({ backendEnv: s3.env("shared") });
  // The same Immersity account, as two instances of one deployment would have; the emulator is the
  // first stack's to close.
  second = await startStack({ backendEnv: s3.env("shared"), emulator: { ...first.emulator, close: async () => {} } });
});
afterAll(async () => {
  await Promise.all([second?.close(), first?.close()]);
  await s3?.close();
});

describe("scale-out on one bucket", () => {
  it("uploads through one backend, runs the disparity through the other, answers the repeat at no cost", async () => {
    expect(first.backend.url).not.toBe(second.backend.url);
    const png = await scenePng(80, 60, 4242);
    const imageId = await upload(first, png, "image/png", sha256(png));

    const asked = UploadResponse.parse(
      await (
        await second.api("/v1/uploads", { json: { sha256: imageId, contentType: "image/png", size: png.length } })
      ).json(),
    );
    expect(asked.upload).toBeNull();

    const made = ResultResponse.parse(await (await second.api("/v1/disparity", { json: { imageId } })).json());
    expect(made.cached).toBe(false);

    const repeat = ResultResponse.parse(await (await first.api("/v1/disparity", { json: { imageId } })).json());
    expect(repeat).toMatchObject({ cached: true, resultId: made.resultId });
    const [fromSecond, fromFirst] = await Promise.all([fetch(made.url), fetch(repeat.url)]);
    expect(Buffer.from(await fromFirst.arrayBuffer()).equals(Buffer.from(await fromSecond.arrayBuffer()))).toBe(true);

    const stats = await first.stats();
    expect([stats.calls.disparity, stats.creditsSpent]).toEqual([1, 10]);
  });
});
