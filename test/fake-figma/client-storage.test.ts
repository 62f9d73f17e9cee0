// figma.clientStorage: structured-clone values, Figma's size accounting and the 5 MB quota.
import { describe, expect, it } from "vitest";
import { CLIENT_STORAGE_LIMIT, createFakeFigma, FakeClientStorage } from "./index.js";

describe("clientStorage", () => {
  it("stores copies: objects stay independent and Uint8Array stays Uint8Array", async () => {
    const { clientStorage } = createFakeFigma();
    const settings = { backendUrl: "http://127.0.0.1:8787", bits: 16, bytes: Uint8Array.of(1, 2, 3) };
    await clientStorage.setAsync("settings", settings);
    settings.bits = 8;
    const read = (await clientStorage.getAsync("settings")) as typeof settings;
    expect(read).toEqual({ backendUrl: "http://127.0.0.1:8787", bits: 16, bytes: Uint8Array.of(1, 2, 3) });
    expect(read.bytes).toBeInstanceOf(Uint8Array);
    read.bits = 1;
    expect(((await clientStorage.getAsync("settings")) as typeof settings).bits).toBe(16);
  });

  it("lists, deletes and answers undefined for a missing key", async () => {
    const { clientStorage } = createFakeFigma();
    await clientStorage.setAsync("a", 1);
    await clientStorage.setAsync("b", null);
    expect(await clientStorage.keysAsync()).toEqual(["a", "b"]);
    await clientStorage.deleteAsync("a");
    await clientStorage.deleteAsync("never-set");
    expect(await clientStorage.getAsync("a")).toBeUndefined();
    expect(await clientStorage.getAsync("b")).toBeNull();
  });

  it("refuses values that cannot be cloned and keys that are not strings", async () => {
    const { clientStorage } = createFakeFigma();
    await expect(clientStorage.setAsync("callback", { run: () => 1 })).rejects.toThrow(/could not be cloned/);
    await expect(clientStorage.setAsync(42 as never, "x")).rejects.toThrow(/key/);
  });

  it("counts the key plus the JSON of a value, or the bytes of a Uint8Array", async () => {
    const storage = new FakeClientStorage();
    await storage.setAsync("k", { a: "é" });
    expect(storage.bytesUsed).toBe(1 + new TextEncoder().encode('{"a":"é"}').length);
    await storage.setAsync("k", new Uint8Array(1000));
    expect(storage.bytesUsed).toBe(1 + 1000);
  });

  it("holds 5 MB in all and refuses what would go beyond", async () => {
    const { clientStorage } = createFakeFigma();
    await clientStorage.setAsync("big", new Uint8Array(CLIENT_STORAGE_LIMIT - 1000));
    await expect(clientStorage.setAsync("more", new Uint8Array(1000))).rejects.toThrow(/in setAsync: .*5 MB/);
    expect(await clientStorage.keysAsync()).toEqual(["big"]);
    // Replacing a value counts the new size instead of the old one.
    await clientStorage.setAsync("big", new Uint8Array(CLIENT_STORAGE_LIMIT - 3));
    await expect(clientStorage.setAsync("big", new Uint8Array(CLIENT_STORAGE_LIMIT))).rejects.toThrow(/5 MB/);
  });

  it("can outlive a fake, as the real storage outlives a plugin run", async () => {
    const first = createFakeFigma();
    await first.clientStorage.setAsync("apiKey", "secret");
    const second = createFakeFigma({ clientStorage: first.clientStorage });
    expect(await second.figma.clientStorage.getAsync("apiKey")).toBe("secret");
  });
});
