// A PUT refused before its body is read: Node drops or drains the rest of that connection, so the
// answer says `connection: close` and the client's next request goes on a connection of its own
// instead of racing the close (which showed as "other side closed" on the request after). A signed
// upload of the wrong type is read away first, so its connection stays usable.
import { describe, expect, it } from "vitest";
import { UploadResponse } from "../../src/shared/api.js";
import { scenePng, sha256 } from "../helpers/images.js";
import { useStack } from "../helpers/use-stack.js";

const stack = useStack();

async function presign(png: Buffer) {
  const response = await stack.api("/v1/uploads", {
    json: { sha256: sha256(png), contentType: "image/png", size: png.length },
  });
  return UploadResponse.parse(await response.json()).upload!;
}

describe("a refused upload's connection", () => {
  it("is closed after a refusal before the body is read, kept after a refusal that reads it", async () => {
    const png = await scenePng(64, 48, 4242);
    const upload = await presign(png);
    const tampered = new URL(upload.url);
    tampered.searchParams.set("X-Signature", "0".repeat(64));
    const refused = await fetch(tampered, { method: "PUT", body: png, headers: upload.headers });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("connection")).toBe("close");
    await refused.body?.cancel();

    // Signed, so the backend reads the wrong type's bytes away within the signed size first.
    const wrongType = await fetch(upload.url, {
      method: "PUT",
      body: png,
      headers: { ...upload.headers, "content-type": "image/jpeg" },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get("connection")).not.toBe("close");
    await wrongType.body?.cancel();

    const taken = await fetch(upload.url, { method: "PUT", body: png, headers: upload.headers });
    expect(taken.status).toBe(200);
    expect(taken.headers.get("connection")).not.toBe("close");
    const prices = await stack.api("/v1/prices");
    expect(prices.status).toBe(200);
    expect(prices.headers.get("connection")).not.toBe("close");
  });
});
