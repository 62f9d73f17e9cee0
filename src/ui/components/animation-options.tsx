// The Animation tab's options: a motion preset, format, duration, loops and frame rate, and every
// other field of Immersity's API under Advanced, each with a line saying what it does and takes.
import { Dropdown, SegmentedControl, Text, Textbox } from "@create-figma-plugin/ui";
import { useState } from "preact/hooks";
import type { AnimationOptions as Options } from "../../shared/api.js";
import { OUTPUT_FPS } from "../../shared/immersity.js";
import { MOTION_PRESETS, PRESET_NAMES, presetOf, type MotionPreset } from "../motion-presets.js";
import {
  FRAME_RATE_DESCRIPTION,
  FRAME_RATE_TOOLTIP,
  MOTION_DESCRIPTION,
  MOTION_TOOLTIP,
  PATTERN_DESCRIPTION,
  RANGES,
  type NumberField,
} from "../option-fields.js";
import type { Problems } from "../option-problems.js";
import { FieldProblem } from "./field-problem.js";
import { describedBy, NumberOption, OptionHelp } from "./option-field.js";

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
  return (
    <NumberOption
      id={field}
      range={RANGES[field]}
      value={options[field]}
      problem={problems[field]}
      onValue={(n) => {
        const next = { ...options };
        if (n === null) delete next[field];
        else next[field] = n;
        onOptions(next);
      }}
    />
  );
}

/** A dropdown named by its visible label and its value (the library's is a focusable div). */
function LabelledDropdown(props: {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  problem?: string | undefined;
  value: string;
  options: Array<{ value: string; text?: string; disabled?: boolean }>;
  onValueChange: (value: string) => void;
}) {
  return (
    <div class="option">
      <div class="row" title={props.tooltip}>
        <Text>
          <span id={`${props.id}-label`}>{props.label}</span>
        </Text>
        <Dropdown
          id={props.id}
          role="button"
          aria-haspopup="listbox"
          aria-labelledby={`${props.id}-label ${props.id}`}
          aria-describedby={describedBy(props.id, props.problem)}
          value={props.value}
          options={props.options}
          onValueChange={props.onValueChange}
        />
      </div>
      <OptionHelp id={props.id}>{props.description}</OptionHelp>
      <FieldProblem id={`${props.id}-problem`} problem={props.problem} />
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
        description={MOTION_DESCRIPTION}
        tooltip={MOTION_TOOLTIP}
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
        id="outputFps"
        label="Frame rate"
        description={FRAME_RATE_DESCRIPTION}
        tooltip={FRAME_RATE_TOOLTIP}
        problem={problems.outputFps}
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
        <div class="option">
          <label class="field" title="Immersity's pattern: the camera's position for each frame, in order">
            <Text>Camera pattern</Text>
            <Textbox
              value={options.pattern ?? ""}
              placeholder="0,0,0, 0.5,0,0, 1,0,0"
              aria-invalid={problems.pattern ? "true" : undefined}
              aria-describedby={describedBy("pattern", problems.pattern)}
              onValueInput={(pattern: string) => {
                const next = { ...options };
                if (pattern.trim()) next.pattern = pattern;
                else delete next.pattern;
                onOptions(next);
              }}
            />
          </label>
          <OptionHelp id="pattern">{PATTERN_DESCRIPTION}</OptionHelp>
          <FieldProblem id="pattern-problem" problem={problems.pattern} />
        </div>
      </div>
    </>
  );
}
