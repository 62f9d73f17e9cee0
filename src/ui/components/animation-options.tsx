// The Animation tab's options: a motion preset, format, duration, loops and frame rate, and every
// other field of Immersity's API under Advanced, each with its published range.
import { Dropdown, SegmentedControl, Text, Textbox, TextboxNumeric } from "@create-figma-plugin/ui";
import { useState } from "preact/hooks";
import type { AnimationOptions as Options } from "../../shared/api.js";
import { OUTPUT_FPS } from "../../shared/immersity.js";
import { MOTION_PRESETS, PRESET_NAMES, presetOf, type MotionPreset } from "../motion-presets.js";
import { RANGES, type NumberField, type Problems } from "../option-problems.js";
import { FieldProblem } from "./field-problem.js";

const ADVANCED_FIELDS = [
  "amplitudeX",
  "amplitudeY",
  "amplitudeZ",
  "phaseX",
  "phaseY",
  "phaseZ",
  "gain",
  "convergence",
  "outputWidth",
  "outputHeight",
] as const;

interface FieldProps {
  options: Options;
  onOptions: (o: Options) => void;
  problems: Problems;
}

function NumberInput({ field, options, onOptions, problems }: FieldProps & { field: NumberField }) {
  const range = RANGES[field];
  const value = options[field];
  const problem = problems[field];
  const blank = range.blank ? `; empty: ${range.blank.toLowerCase()}` : "";
  return (
    <>
      <label class="row" title={`${range.min} to ${range.max}${blank}`}>
        <Text>{range.label}</Text>
        <TextboxNumeric
          value={value === undefined ? "" : String(value)}
          placeholder={range.blank ?? ""}
          minimum={range.min}
          maximum={range.max}
          incrementSmall={range.step}
          incrementBig={range.step * 10}
          integer={range.integer ?? false}
          aria-invalid={problem ? "true" : undefined}
          aria-describedby={problem ? `${field}-problem` : undefined}
          onNumericValueInput={(n: number | null) => {
            const next = { ...options };
            if (n === null) delete next[field];
            else next[field] = n;
            onOptions(next);
          }}
        />
      </label>
      <FieldProblem id={`${field}-problem`} problem={problem} />
    </>
  );
}

/** A dropdown named by its visible label and its value (the library's is a focusable div). */
function LabelledDropdown(props: {
  id: string;
  label: string;
  value: string;
  options: Array<{ value: string; text?: string; disabled?: boolean }>;
  onValueChange: (value: string) => void;
}) {
  return (
    <div class="row">
      <Text>
        <span id={`${props.id}-label`}>{props.label}</span>
      </Text>
      <Dropdown
        id={props.id}
        role="button"
        aria-haspopup="listbox"
        aria-labelledby={`${props.id}-label ${props.id}`}
        value={props.value}
        options={props.options}
        onValueChange={props.onValueChange}
      />
    </div>
  );
}

export function AnimationOptions({ options, onOptions, problems }: FieldProps) {
  const [advanced, setAdvanced] = useState(false);
  const preset = presetOf(options);
  const field = { options, onOptions, problems };
  return (
    <>
      <LabelledDropdown
        id="motion"
        label="Motion"
        value={preset ?? "Custom"}
        options={[
          ...PRESET_NAMES.map((value) => ({ value })),
          ...(preset ? [] : [{ value: "Custom", disabled: true }]),
        ]}
        onValueChange={(name: string) => {
          const next: Options = { ...options, ...MOTION_PRESETS[name as MotionPreset] };
          delete next.pattern;
          onOptions(next);
        }}
      />
      <div class="row" role="group" aria-label="Format">
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
      <NumberInput field="animationLength" {...field} />
      <NumberInput field="numberOfLoops" {...field} />
      <LabelledDropdown
        id="fps"
        label="Frames per second"
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
      <FieldProblem id="outputFps-problem" problem={problems.outputFps} />
      <button
        type="button"
        class="disclosure"
        aria-expanded={advanced}
        aria-controls="advanced-fields"
        onClick={() => setAdvanced(!advanced)}
      >
        Advanced
      </button>
      <div id="advanced-fields" class="advanced" hidden={!advanced}>
        {ADVANCED_FIELDS.map((name) => (
          <NumberInput key={name} field={name} {...field} />
        ))}
        <label class="field" title="x,y,z for each frame; replaces duration, amplitudes and phases">
          <Text>Camera pattern (x,y,z per frame)</Text>
          <Textbox
            value={options.pattern ?? ""}
            placeholder="0,0,0, 0.5,0,0, 1,0,0"
            aria-invalid={problems.pattern ? "true" : undefined}
            aria-describedby={problems.pattern ? "pattern-problem" : undefined}
            onValueInput={(pattern: string) => {
              const next = { ...options };
              if (pattern.trim()) next.pattern = pattern;
              else delete next.pattern;
              onOptions(next);
            }}
          />
        </label>
        <FieldProblem id="pattern-problem" problem={problems.pattern} />
      </div>
    </>
  );
}
