// @vitest-environment happy-dom
// Settings that tell the truth, against the real backend on 127.0.0.1 and a plain HTTP server
// beside it: edits kept across tabs until saved, Save checking the connection, a status only for
// the URL it was checked with, a server that is not a Depthframe backend told apart from a dead
// address, and no sentence inside Settings sending the designer to Settings.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { App } from "../../src/ui/components/app.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { useUiStack } from "./ui-stack.js";

const { stack } = useUiStack();
let host: PluginHost | null = null;
// A web server that lets any page read it, and is not a Depthframe backend.
let other: Server;
let otherUrl = "";

beforeAll(async () => {
  other = createServer((request, response) => {
    response.setHeader("access-control-allow-origin", "*");
    response.setHeader("access-control-allow-headers", "authorization, content-type");
    if (request.method === "OPTIONS") return void response.writeHead(204).end();
    response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Welcome</title>");
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => other.close(resolve)));

afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

async function openSettings(settings: Partial<Settings> = {}) {
  host = await hostPlugin({ command: "settings" }, async (fake) => {
    await fake.figma.clientStorage.setAsync("settings", {
      ...DEFAULT_SETTINGS,
      backendUrl: stack().backendUrl,
      apiKey: stack().apiKey,
      ...settings,
    });
  });
  render(<App bridge={host.bridge} />);
  const url = (await screen.findByPlaceholderText("https://depth.example.com")) as HTMLInputElement;
  return { fake: host.fake, url };
}

const status = () => screen.queryByTestId("connection")?.textContent ?? null;
const stored = async () => (await host!.fake.figma.clientStorage.getAsync("settings")) as Settings;

describe("Settings", () => {
  it("keeps unsaved edits across a tab switch, and Save stores them", async () => {
    const { url } = await openSettings();
    fireEvent.input(url, { target: { value: "https://depth.example.org" } });
    fireEvent.input(screen.getByRole("textbox", { name: "Parallel jobs" }), { target: { value: "3" } });
    fireEvent.click(screen.getByRole("tab", { name: "Depth" }));
    fireEvent.click(screen.getByRole("tab", { name: "Settings" }));
    expect((screen.getByPlaceholderText("https://depth.example.com") as HTMLInputElement).value).toBe(
      "https://depth.example.org",
    );
    expect((screen.getByRole("textbox", { name: "Parallel jobs" }) as HTMLInputElement).value).toBe("3");
    expect((await stored()).backendUrl).toBe(stack().backendUrl);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(async () =>
      expect(await stored()).toMatchObject({ backendUrl: "https://depth.example.org", concurrency: 3 }),
    );
    await screen.findByRole("button", { name: "Saved" });
  });

  it("shows a status only for the URL it was checked with, and Save checks the connection", async () => {
    const { url } = await openSettings();
    await waitFor(() => expect(status()).toMatch(/^Connected to backend .*Emulator: results are synthetic\.$/));
    fireEvent.input(url, { target: { value: "http://127.0.0.1:9" } });
    expect(status()).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(status()).toBe(
        "The backend at http://127.0.0.1:9 cannot be reached: check the URL above and that the backend is running.",
      ),
    );
    // Back to the working backend: its status comes from a new check, not from before.
    fireEvent.input(screen.getByPlaceholderText("https://depth.example.com"), {
      target: { value: stack().backendUrl },
    });
    expect(status()).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    await waitFor(() => expect(status()).toMatch(/^Connected to backend/));
    expect((await stored()).backendUrl).toBe("http://127.0.0.1:9");
  });

  it("tells a server that is not a Depthframe backend apart from an address where nothing answers", async () => {
    const { url } = await openSettings();
    fireEvent.input(url, { target: { value: otherUrl } });
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    await waitFor(() =>
      expect(status()).toBe(
        `The address ${otherUrl} answers, but it is not a Depthframe backend: check the URL above.`,
      ),
    );
    fireEvent.input(url, { target: { value: "http://127.0.0.1:9" } });
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    await waitFor(() => expect(status()).toMatch(/^The backend at http:\/\/127\.0\.0\.1:9 cannot be reached/));
    expect(status()).not.toMatch(/Settings/);
  });

  it("says beside the URL field what is wrong with it, and refuses to save or test it", async () => {
    const { url } = await openSettings();
    fireEvent.input(url, { target: { value: "depth.example.com" } });
    await waitFor(() => expect(url.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(url.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Enter a full URL, such as http://127.0.0.1:8787.",
    );
    expect((screen.getByRole("button", { name: "Save" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Test connection" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
