// @vitest-environment happy-dom
// Before anything is spent, against the real backend and emulator on 127.0.0.1: the backend checked
// when the plugin opens (one banner for a wrong key or a dead backend, and the estimate saying why it
// is missing), an account that runs dry mid-batch said once, and large spends confirmed first.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../src/shared/settings.js";
import { App } from "../../src/ui/components/app.js";
import { ESTIMATE_MISSING } from "../../src/ui/error-text.js";
import { solidPaint } from "../fake-figma/index.js";
import { hostPlugin, type PluginHost } from "./plugin-host.js";
import { NO_CALLS, useUiStack } from "./ui-stack.js";

const { stack, control, calls } = useUiStack();
let host: PluginHost | null = null;

afterEach(async () => {
  cleanup();
  await host?.close();
  host = null;
});

let frameCount = 0;
const uniqueFill = () => solidPaint(((++frameCount * 11) % 97) / 97, 0.2, (frameCount % 17) / 17);

async function open(frames: number, settings: Partial<Settings> = {}) {
  host = await hostPlugin({ command: "depth" }, async (fake) => {
    await fake.figma.clientStorage.setAsync("settings", {
      ...DEFAULT_SETTINGS,
      backendUrl: stack().backendUrl,
      apiKey: stack().apiKey,
      targetSize: 256,
      ...settings,
    });
    fake.figma.currentPage.selection = Array.from({ length: frames }, (_, i) =>
      fake.addFrame({ name: `Frame ${i + 1}`, x: i * 400, width: 320, height: 200, fills: [uniqueFill()] }),
    ) as unknown as SceneNode[];
  });
  render(<App bridge={host.bridge} />);
  const list = await screen.findByRole("list", { name: "Selected layers" }, { timeout: 10_000 });
  await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(frames), { timeout: 10_000 });
  return { fake: host.fake, list };
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

/** A backend coming up at `port`: every request passed on to the test backend as it is. */
async function forwardTo(port: number, target: string): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      `${target}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

const generateButton = (count: number) =>
  screen.getByRole("button", { name: `Generate ${count} depth maps` }) as HTMLButtonElement;

describe("the backend checked when the plugin opens", () => {
  it("says once that the key is refused, before anything is sent; clears once Settings has the right key", async () => {
    const { list } = await open(3, { apiKey: "wrong-key-0123456789abcdef" });
    const banner = await screen.findByRole("alert", undefined, { timeout: 10_000 });
    expect(banner.textContent).toBe("The backend refused the API key: check the key in Settings.");
    expect(screen.getByText(ESTIMATE_MISSING.failed)).toBeTruthy();
    expect(generateButton(3).disabled).toBe(true);
    fireEvent.click(generateButton(3));
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Edge dilation" }), { key: "Enter" });
    expect(list.textContent).not.toMatch(/refused/);

    fireEvent.click(screen.getByRole("button", { name: "Open Settings" }));
    expect(screen.getByRole("tab", { name: "Settings" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("connection").textContent).toBe("The backend refused the API key: check the key above.");
    fireEvent.input(screen.getByPlaceholderText("Leave empty for a local backend"), {
      target: { value: stack().apiKey },
    });
    // A key not tested yet has no status under it.
    expect(screen.queryByTestId("connection")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByTestId("connection").textContent).toMatch(/^Connected to backend/), {
      timeout: 10_000,
    });

    fireEvent.click(screen.getByRole("tab", { name: "Depth" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText(/^Up to 30 credits/)).toBeTruthy();
    expect(generateButton(3).disabled).toBe(false);
    expect(await calls()).toEqual(NO_CALLS);
  });

  it("says once that the backend cannot be reached, and checks again on request", async () => {
    // An address where nothing listens yet, then the backend behind it.
    const port = await freePort();
    const { list } = await open(3, { backendUrl: `http://127.0.0.1:${port}` });
    const banner = await screen.findByRole("alert", undefined, { timeout: 10_000 });
    expect(banner.textContent).toBe(
      `The backend at http://127.0.0.1:${port} cannot be reached: check the URL in Settings and that the backend ` +
        `is running.`,
    );
    expect(screen.getByText(ESTIMATE_MISSING.failed)).toBeTruthy();
    expect(generateButton(3).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    // The problem stays said while the second check runs, and is said again.
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    const region = banner.parentElement!;
    expect(region.getAttribute("aria-busy")).toBe("true");
    await waitFor(() => expect(region.getAttribute("aria-busy")).toBeNull(), { timeout: 10_000 });
    expect(screen.getAllByRole("alert")).toHaveLength(1);

    const proxy = await forwardTo(port, stack().backendUrl);
    try {
      fireEvent.click(screen.getByRole("button", { name: "Check again" }));
      await waitFor(() => expect(screen.queryByRole("alert")).toBeNull(), { timeout: 10_000 });
      expect(screen.getByText(/^Up to 30 credits/)).toBeTruthy();
      expect(generateButton(3).disabled).toBe(false);
      expect(list.textContent).not.toMatch(/cannot be reached/);
      expect(await calls()).toEqual(NO_CALLS);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe("an account that runs dry in the middle of a batch", () => {
  it("says it once above the list, and the rows not tried say Not started", async () => {
    await control("/faults", { credits: 0 });
    const { list } = await open(3, { concurrency: 1 });
    await waitFor(() => expect(generateButton(3).disabled).toBe(false), { timeout: 10_000 });
    fireEvent.click(generateButton(3));
    const statuses = () =>
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.getAttribute("data-status"));
    await waitFor(() => expect(statuses()).toEqual(["error", "unstarted", "unstarted"]), { timeout: 15_000 });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.querySelector(".item__meta")?.textContent),
    ).toEqual(["Out of credits", "Not started", "Not started"]);
    const sentence = "The Immersity account is out of credits: buy more at immersity.ai, then retry.";
    expect(screen.getByRole("alert").textContent).toBe(sentence);
    expect(screen.getAllByText(sentence)).toHaveLength(1);
    expect(screen.getByText("0 of 3 done, 1 failed, 2 not started")).toBeTruthy();
    expect((await calls()).disparity).toBeLessThanOrEqual(1);
    await waitFor(() =>
      expect(host!.fake.notifications.at(-1)?.requested).toBe("0 depth maps placed, 1 failed, 2 not started"),
    );
    await screen.findByRole("button", { name: "Retry failed" });
  });
});

describe("a large spend", () => {
  it("asks once, showing the estimate, above the threshold, and sends nothing until confirmed", async () => {
    const { list } = await open(6, { concurrency: 3 });
    await waitFor(() => expect(generateButton(6).disabled).toBe(false), { timeout: 10_000 });
    fireEvent.click(generateButton(6));
    expect(
      screen.getByText(
        "Generate 6 depth maps? Up to 60 credits (10 per image; stored results are free): more than 50, the limit " +
          "set in Settings for asking first.",
      ),
    ).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await calls()).toEqual(NO_CALLS);
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.queryByText(/^Generate 6 depth maps\?/)).toBeNull();
    fireEvent.click(generateButton(6));
    fireEvent.click(screen.getByRole("button", { name: "Spend up to 60 credits" }));
    await waitFor(
      () =>
        expect(
          within(list)
            .getAllByRole("listitem")
            .every((li) => li.getAttribute("data-status") === "done"),
        ).toBe(true),
      { timeout: 30_000 },
    );
    expect(await calls()).toEqual({ disparity: 6, animation: 0 });
  });

  it("takes its threshold from Settings, checked beside the field, and does not ask at or below it", async () => {
    const { fake } = await open(3);
    fireEvent.click(screen.getByRole("tab", { name: "Settings" }));
    const threshold = screen.getByRole("textbox", { name: "Ask before spending more than (credits)" });
    expect((threshold as HTMLInputElement).value).toBe("50");
    fireEvent.input(threshold, { target: { value: "-5" } });
    await waitFor(() => expect(threshold.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(threshold.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Enter a whole number of credits from 0 to 100000; 0 asks before every paid run.",
    );
    expect((screen.getByRole("button", { name: "Save" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(threshold, { target: { value: "20" } });
    await waitFor(() => expect(threshold.getAttribute("aria-invalid")).toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(async () =>
      expect(((await fake.figma.clientStorage.getAsync("settings")) as Settings).confirmAboveCredits).toBe(20),
    );

    fireEvent.click(screen.getByRole("tab", { name: "Depth" }));
    await waitFor(() => expect(generateButton(3).disabled).toBe(false), { timeout: 10_000 });
    fireEvent.click(generateButton(3));
    expect(screen.getByText(/^Generate 3 depth maps\? Up to 30 credits .*more than 20,/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back" }));

    fireEvent.click(screen.getByRole("tab", { name: "Settings" }));
    fireEvent.input(screen.getByRole("textbox", { name: "Ask before spending more than (credits)" }), {
      target: { value: "30" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    fireEvent.click(screen.getByRole("tab", { name: "Depth" }));
    await waitFor(() => expect(generateButton(3).disabled).toBe(false), { timeout: 10_000 });
    fireEvent.click(generateButton(3));
    // The tab was shown again, and its list with it.
    const rows = within(screen.getByRole("list", { name: "Selected layers" })).getAllByRole("listitem");
    expect(rows[0]!.getAttribute("data-status")).not.toBe("idle");
    expect(screen.queryByRole("button", { name: /^Spend up to/ })).toBeNull();
    await waitFor(() => expect(fake.notifications.at(-1)?.requested).toBe("3 depth maps placed"), { timeout: 20_000 });
  });
});
