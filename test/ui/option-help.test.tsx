// @vitest-environment happy-dom
// The options in plain words: every field of the Depth and 3D tabs, Advanced included, has a visible
// line under it saying what it does and, for a number, the range Immersity publishes, and its control
// lists that line (and any problem) as its description. The tooltips stay as extras.
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { afterEach, describe, expect, it } from "vitest";
import type { AnimationOptions as Options, DisparityOptions } from "../../src/shared/api.js";
import cloudApi from "../../spec/immersity/cloud-api.openapi.json";
import { MAX_OUTPUT_SIDE } from "../../src/shared/output-size.js";
import { DEFAULT_SETTINGS } from "../../src/shared/settings.js";
import { AnimationOptions } from "../../src/ui/components/animation-options.js";
import { DepthOptions } from "../../src/ui/components/depth-options.js";
import { animationProblems, disparityProblems } from "../../src/ui/option-problems.js";

afterEach(cleanup);

type Published = { minimum?: number; maximum?: number; default?: number | string };
const schemas = cloudApi.components.schemas as Record<string, { properties: Record<string, Published> }>;
const animation = schemas.RESTAnimationGenerationParams!.properties;
const disparity = schemas.RESTMonoDepthEstimationParams!.properties;

function Animation() {
  const [options, setOptions] = useState<Options>(DEFAULT_SETTINGS.animation);
  return <AnimationOptions options={options} onOptions={setOptions} problems={animationProblems(options)} />;
}
function Depth() {
  const [options, setOptions] = useState<Required<DisparityOptions>>(DEFAULT_SETTINGS.disparity);
  return (
    <DepthOptions
      options={options}
      onOptions={setOptions}
      problems={disparityProblems(options)}
      fresh={false}
      onFresh={() => undefined}
    />
  );
}

/** On screen: nothing above it hidden, and not text kept for screen readers only. */
function shown(element: Element): boolean {
  for (let e: Element | null = element; e; e = e.parentElement) {
    if (e.hasAttribute("hidden") || e.classList.contains("visually-hidden")) return false;
  }
  return true;
}
/** The texts of the elements a control's aria-describedby lists. */
const descriptions = (control: Element) =>
  (control.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .filter(Boolean)
    .map((id) => document.getElementById(id));
/** The one visible line describing a control. */
function helpOf(control: Element): HTMLElement {
  const [help] = descriptions(control);
  expect(help, control.outerHTML).toBeTruthy();
  expect(shown(help!)).toBe(true);
  return help!;
}

// The labels a designer reads, each with the field of Immersity's API it sets.
const ADVANCED: Array<[string, string]> = [
  ["Sideways motion", "amplitudeX"],
  ["Vertical motion", "amplitudeY"],
  ["Zoom motion", "amplitudeZ"],
  ["Sideways start", "phaseX"],
  ["Vertical start", "phaseY"],
  ["Zoom start", "phaseZ"],
  ["Depth strength", "gain"],
  ["Pivot depth", "convergence"],
];

describe("the options in plain words", () => {
  it("shows under every number field of the 3D tab what it does and the published range", () => {
    render(<Animation />);
    fireEvent.click(screen.getByRole("button", { name: "Advanced" }));
    const fields: Array<[string, string]> = [
      ["Duration (s)", "animationLength"],
      ["Extra loops", "numberOfLoops"],
      ...ADVANCED,
    ];
    for (const [label, field] of fields) {
      const { minimum, maximum, default: fallback } = animation[field]!;
      const help = helpOf(screen.getByRole("textbox", { name: label }));
      const range = typeof fallback === "number" ? `${minimum} to ${maximum}` : `${minimum} to ${maximum}; empty:`;
      expect(help.textContent, label).toContain(range);
      if (typeof fallback === "number") expect(help.textContent, label).toContain(`default ${fallback}`);
      // The line says more than the numbers.
      expect(help.textContent!.replace(/[^a-z]/gi, "").length, label).toBeGreaterThan(20);
    }
    for (const label of ["Output width (px)", "Output height (px)"]) {
      const help = helpOf(screen.getByRole("textbox", { name: label }));
      expect(help.textContent).toContain(`1 to ${MAX_OUTPUT_SIDE} (whole); empty: the layer's`);
    }
    expect(helpOf(screen.getByRole("textbox", { name: "Sideways motion" })).textContent).toBe(
      "How far the camera moves left and right. 0 to 10, default 1",
    );
    expect(helpOf(screen.getByRole("textbox", { name: "Depth strength" })).textContent).toBe(
      "How far near and far move apart. 0 to 10; empty: estimated",
    );
  });

  it("describes the dropdowns and the camera pattern too, and keeps the tooltips", () => {
    render(<Animation />);
    fireEvent.click(screen.getByRole("button", { name: "Advanced" }));
    const fps = screen.getByRole("button", { name: /^Frame rate/ });
    expect(helpOf(fps).textContent).toBe("Frames per second; Auto picks one for the format.");
    expect(fps.closest("[title]")!.getAttribute("title")).toMatch(/Auto is 30 for MP4, 15 for GIF$/);
    expect(helpOf(screen.getByRole("button", { name: /^Motion/ })).textContent).toMatch(/camera's path/);
    expect(helpOf(screen.getByRole("textbox", { name: "Camera pattern" })).textContent).toMatch(/x,y,z per frame/);
    const gain = screen.getByRole("textbox", { name: "Depth strength" }).closest("label")!;
    expect(gain.getAttribute("title")).toMatch(/^Immersity's gain: /);
  });

  it("hides the advanced lines with their fields until Advanced is open", () => {
    render(<Animation />);
    const help = document.getElementById("gain-help")!;
    expect(shown(help)).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: "Advanced" }));
    expect(shown(help)).toBe(true);
  });

  it("lists a problem after the line, so both are read", () => {
    render(<Animation />);
    const duration = screen.getByRole("textbox", { name: "Duration (s)" });
    fireEvent.input(duration, { target: { value: "20" } });
    expect(descriptions(duration).map((e) => e?.textContent)).toEqual([
      "Seconds for one pass of the camera's path. 1 to 10, default 4",
      "Duration must be from 1 to 10.",
    ]);
  });

  it("says what bit depth and edge dilation do on the Depth tab", () => {
    render(<Depth />);
    const { minimum, maximum, default: fallback } = disparity.dilation!;
    expect(helpOf(screen.getByRole("textbox", { name: "Edge dilation" })).textContent).toBe(
      `Widens near objects for cleaner edges. ${minimum} to ${maximum}, default ${fallback}`,
    );
    expect(helpOf(screen.getByRole("group", { name: "Bit depth" })).textContent).toMatch(/16-bit/);
  });
});
