// The emulator refuses what Immersity's published contract refuses, and keeps honest counters.
import { describe, expect, it } from "vitest";
import { decode } from "fast-png";
import { startEmulator } from "../../src/emulator/node-server.js";
import { EmulatorEnv, parseEnv } from "../../src/shared/env.js";
import { useEmulator } from "../helpers/emulator-client.js";
import { scenePng } from "../helpers/images.js";

const client = useEmulator();
const { api, requestToken } = client;

/** An input and a result slot in the emulator's own storage, as Immersity's sample does it. */
async function slots() {
  return {
    inputImageUrl: await client.upload(await scenePng(40, 30)),
    resultPresignedUrl: await client.slot("out.png"),
  };
}

describe("token endpoint", () => {
  it("issues a bearer token with its lifetime for the right client credentials", async () => {
    const response = await requestToken({
      grant_type: "client_credentials",
      client_id: client.emulator.clientId,
      client_secret: client.emulator.clientSecret,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      access_token: expect.any(String),
    });
  });

  it("refuses wrong credentials with 401 and a wrong grant with 400", async () => {
    expect(
      (
        await requestToken({
          grant_type: "client_credentials",
          client_id: client.emulator.clientId,
          client_secret: "nope",
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await requestToken({
          grant_type: "password",
          client_id: client.emulator.clientId,
          client_secret: client.emulator.clientSecret,
        })
      ).status,
    ).toBe(400);
    expect((await requestToken({ grant_type: "client_credentials" })).status).toBe(400);
  });

  it("lets a token expire after the configured lifetime, by its clock", async () => {
    let now = Date.now();
    const own = await startEmulator(
      parseEnv(EmulatorEnv, { EMULATOR_PORT: "0", EMULATOR_TOKEN_TTL_S: "60" }),
      () => now,
    );
    try {
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: own.clientId,
        client_secret: own.clientSecret,
      });
      const { access_token } = (await (await fetch(own.tokenUrl, { method: "POST", body })).json()) as {
        access_token: string;
      };
      const prices = () =>
        fetch(`${own.url}/api/v1/prices`, { headers: { authorization: `Bearer ${access_token}` } }).then(
          (r) => r.status,
        );
      now += 59_999;
      expect(await prices()).toBe(200);
      now += 1;
      expect(await prices()).toBe(401);
    } finally {
      await own.close();
    }
  });
});

describe("POST /api/v1/disparity", () => {
  it("needs a valid bearer token", async () => {
    expect((await api("/api/v1/disparity", { inputImageUrl: "http://x/y" }, "not-a-token")).status).toBe(401);
  });

  it("answers 400 for each field out of the published contract", async () => {
    const base = { inputImageUrl: "http://127.0.0.1:1/in.png" };
    const invalid = [
      "{broken",
      {},
      { ...base, dilation: 0.011 },
      { ...base, dilation: -0.02 },
      { ...base, dilation: "0.005" },
      { ...base, outputBitDepth: "uint32" },
      { ...base, inputType: "image3d" },
      { ...base, inputImageUrl: 42 },
      { ...base, unknownField: true },
    ];
    for (const body of invalid) expect((await api("/api/v1/disparity", body)).status, JSON.stringify(body)).toBe(400);
    expect((await client.stats()).creditsSpent).toBe(0);
  });

  it("reads its input and writes a result through URLs, and answers 200 with correlationId", async () => {
    const urls = await slots();
    const response = await api("/api/v1/disparity", {
      ...urls,
      correlationId: "4d4eb584-a5cd-453b-8b67-567c1df26cb4",
      outputBitDepth: "uint16",
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { correlationId: string; resultPresignedUrl: string };
    expect(body.correlationId).toBe("4d4eb584-a5cd-453b-8b67-567c1df26cb4");
    const result = decode(new Uint8Array(await (await fetch(body.resultPresignedUrl)).arrayBuffer()));
    expect([result.width, result.height, result.depth, result.channels]).toEqual([40, 30, 16, 1]);
  });

  it("answers 400 when the input URL cannot be read or is not an image", async () => {
    expect((await api("/api/v1/disparity", { inputImageUrl: "http://127.0.0.1:1/none.png" })).status).toBe(400);
    expect((await api("/api/v1/disparity", { inputImageUrl: "file:///etc/passwd" })).status).toBe(400);
  });

  it("charges 10 credits a call and answers 402 once the balance is too low", async () => {
    const urls = await slots();
    await client.faults({ credits: 15 });
    expect((await api("/api/v1/disparity", urls)).status).toBe(200);
    expect((await api("/api/v1/disparity", urls)).status).toBe(402);
    const stats = await client.stats();
    expect(stats).toMatchObject({ credits: 5, creditsSpent: 10 });
  });

  it("answers 500 and charges nothing when the storage refuses the result", async () => {
    const urls = await slots();
    await client.faults({ refusedWriteNext: 1 });
    expect((await api("/api/v1/disparity", urls)).status).toBe(500);
    expect(await client.stats()).toMatchObject({ creditsSpent: 0 });
    expect((await api("/api/v1/disparity", await slots())).status).toBe(200);
  });
});

describe("other endpoints", () => {
  it("serves prices and upload URLs that expire in 24 hours", async () => {
    expect(await (await api("/api/v1/prices")).json()).toEqual({
      disparity: { mono: 10 },
      animation: { mp4: 10, gif: 10 },
    });
    const slot = (await (await api("/api/v1/get-upload-url")).json()) as { url: string; urlExpiresUTC: string };
    const hours = (Date.parse(slot.urlExpiresUTC) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect((await api("/api/v1/get-upload-url?bogus=1")).status).toBe(400);
  });

  it("refuses an unknown control setting", async () => {
    const response = await fetch(`${client.emulator.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ explode: true }),
    });
    expect(response.status).toBe(400);
  });
});

describe("EMULATOR_RESULTS=flat, for load tests", () => {
  it("answers a uniform map of the input's size", async () => {
    const flat = await startEmulator(parseEnv(EmulatorEnv, { EMULATOR_PORT: "0", EMULATOR_RESULTS: "flat" }));
    try {
      const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: flat.clientId,
        client_secret: flat.clientSecret,
      });
      const { access_token } = (await (await fetch(flat.tokenUrl, { method: "POST", body: form })).json()) as {
        access_token: string;
      };
      const headers = { authorization: `Bearer ${access_token}`, "content-type": "application/json" };
      const slot = (await (await fetch(`${flat.url}/api/v1/get-upload-url?fileName=in.png`, { headers })).json()) as {
        url: string;
      };
      await fetch(slot.url, { method: "PUT", body: await scenePng(40, 30) });
      const answer = await fetch(`${flat.url}/api/v1/disparity`, {
        method: "POST",
        headers,
        body: JSON.stringify({ inputImageUrl: slot.url }),
      });
      const { resultPresignedUrl } = (await answer.json()) as { resultPresignedUrl: string };
      const result = decode(new Uint8Array(await (await fetch(resultPresignedUrl)).arrayBuffer()));
      expect([result.width, result.height, result.depth]).toEqual([40, 30, 8]);
      expect(new Set(result.data).size).toBe(1);
    } finally {
      await flat.close();
    }
  });
});
