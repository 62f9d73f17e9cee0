// The Animation tab's options: a motion preset, format, duration, loops and frame rate, and every
// other field of Immersity's API under Advanced, each with its published range.
import { Disclosure, Dropdown, SegmentedControl, Text, Textbox, TextboxNumeric } from "@create-figma-plugin/ui";
import { useState } from "preact/hooks";
import type { AnimationOptions as Options } from "../../shared/api.js";
import { OUTPUT_FPS, parsePattern } from "../../shared/immersity.js";
import { MOTION_PRESETS, PRESET_NAMES, presetOf, type MotionPreset } from "../motion-presets.js";

type NumberField = "animationLength" | "numberOfLoops" | "amplitudeX" | "amplitudeY" | "amplitudeZ" | "phaseX" | "phaseY" | "phaseZ" | "gain" | "convergence" | "outputWidth" | "outputHeight";

const RANGES: Record<NumberField, { label: string; min: number; max: number; step: number; integer?: boolean; blank?: string }> = {
  animationLength: { label: "Duration (s)", min: 1, max: 10, step: 0.5 },
  numberOfLoops: { label: "Extra loops", min: 0, max: 10, step: 1, integer: true },
  amplitudeX: { label: "Amplitude X", min: 0, max: 10, step: 0.1 },
  amplitudeY: { label: "Amplitude Y", min: 0, max: 10, step: 0.1 },
  amplitudeZ: { label: "Amplitude Z", min: 0, max: 10, step: 0.1 },
  phaseX: { label: "Phase X", min: 0, max: 7, step: 0.05 },
  phaseY: { label: "Phase Y", min: 0, max: 7, step: 0.05 },
  phaseZ: { label: "Phase Z", min: 0, max: 7, step: 0.05 },
  gain: { label: "Gain", min: 0, max: 10, step: 0.1, blank: "Auto" },
  convergence: { label: "Convergence", min: -1, max: 1, step: 0.05, blank: "Auto" },
  outputWidth: { label: "Width (px)", min: 1, max: 8192, step: 1, integer: true, blank: "Input's" },
  outputHeight: { label: "Height (px)", min: 1, max: 8192, step: 1, integer: true, blank: "Input's" },
};

function NumberInput({ field, options, onOptions }: { field: NumberField; options: Options; onOptions: (o: Options) => void }) {
  const range = RANGES[field];
  const value = options[field];
  return (
    <label class="row" title={`${range.min} to ${range.max}${range.blank ? `; empty: ${range.blank.toLowerCase()}` : ""}`}>
      <Text>{range.label}</Text>
      <TextboxNumeric
        variant="border"
        value={value === undefined ? "" : String(value)}
        placeholder={range.blank ?? ""}
        minimum={range.min}
        maximum={range.max}
        incrementSmall={range.step}
        incrementBig={range.step * 10}
        integer={range.integer ?? false}
        onNumericValueInput={(n: number | null) => {
          const next = { ...options };
          if (n === null) delete next[field];
          else next[field] = n;
          onOptions(next);
        }}
      />
    </label>
  );
}

export function AnimationOptions({ options, onOptions }: { options: Options; onOptions: (options: Options) => void }) {
  const [advanced, setAdvanced] = useState(false);
  const preset = presetOf(options);
  const patternValid = !options.pattern || parsePattern(options.pattern) !== null;
  return (
    <>
      <div class="row">
        <Text>Motion</Text>
        <Dropdown
          variant="border"
          value={preset ?? "Custom"}
          options={[...PRESET_NAMES.map((value) => ({ value })), ...(preset ? [] : [{ value: "Custom", disabled: true }])]}
          onValueChange={(name: string) => {
            const next: Options = { ...options, ...MOTION_PRESETS[name as MotionPreset] };
            delete next.pattern;
            onOptions(next);
          }}
        />
      </div>
      <div class="row">
        <Text>Format</Text>
        <SegmentedControl
          value={options.animationType ?? "mp4"}
          options={[
            { value: "mp4", children: "MP4 video" },
            { value: "gif", children: "GIF" },
          ]}
          onValueChange={(v: string) => onOptions({ ...options, animationType: v as "mp4" | "gif" })}
        />
      </div>
      <NumberInput field="animationLength" options={options} onOptions={onOptions} />
      <NumberInput field="numberOfLoops" options={options} onOptions={onOptions} />
      <div class="row">
        <Text>Frames per second</Text>
        <Dropdown
          variant="border"
          value={options.outputFps === undefined ? "auto" : String(options.outputFps)}
          options={[{ value: "auto", text: "Auto" }, ...OUTPUT_FPS.map((fps) => ({ value: String(fps) }))]}
          onValueChange={(v: string) => {
            const next = { ...options };
            const fps = OUTPUT_FPS.find((f) => String(f) === v);
            if (fps === undefined) delete next.outputFps;
            else next.outputFps = fps;
            onOptions(next);
          }}
        />
      </div>
      <Disclosure open={advanced} title="Advanced" onClick={() => setAdvanced(!advanced)}>
        <div class="advanced">
          {(["amplitudeX", "amplitudeY", "amplitudeZ", "phaseX", "phaseY", "phaseZ", "gain", "convergence", "outputWidth", "outputHeight"] as const).map((field) => (
            <NumberInput key={field} field={field} options={options} onOptions={onOptions} />
          ))}
          <label class="field" title="x,y,z for each frame; replaces duration, amplitudes and phases">
            <Text>Camera pattern (x,y,z per frame)</Text>
            <Textbox
              variant="border"
              value={options.pattern ?? ""}
              placeholder="0,0,0, 0.5,0,0, 1,0,0"
              onValueInput={(pattern: string) => {
                const next = { ...options };
                if (pattern.trim()) next.pattern = pattern;
                else delete next.pattern;
                onOptions(next);
              }}
            />
          </label>
          {patternValid ? null : <p class="message message--error">Write the pattern as numbers in groups of three: x,y,z for each frame.</p>}
        </div>
      </Disclosure>
    </>
  );
}
