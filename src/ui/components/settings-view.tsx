// Settings as typed (kept by the App across tab switches until saved), each refused field saying
// why beside it, and the connection's status only for the URL and key it was checked with.
import { Button, Text, Textbox, TextboxNumeric, VerticalSpace } from "@create-figma-plugin/ui";
import { useEffect, useRef, useState } from "preact/hooks";
import type { HealthResponse } from "../../shared/api.js";
import type { Settings } from "../../shared/settings.js";
import { createBackendClient } from "../backend-client.js";
import { describeFailure } from "../error-text.js";
import { preflight, type Preflight } from "../preflight.js";
import {
  isDirty,
  sameConnection,
  savedFrom,
  SETTING_RANGES,
  settingsProblems,
  type NumberSetting,
  type SettingsDraft,
  type SettingsProblems,
} from "../settings-problems.js";
import { FieldProblem } from "./field-problem.js";
import type { PreflightCheck } from "./use-preflight.js";

type Connection = Pick<Settings, "backendUrl" | "apiKey">;

export function connectionSummary(health: HealthResponse): string {
  const upstream = health.upstream === "emulator" ? "Emulator: results are synthetic" : "Immersity";
  return `Connected to backend ${health.version}. Storage: ${health.storage}. ${upstream}.`;
}

function ConnectionStatus({
  check,
  settings,
}: {
  check: Preflight;
  settings: Pick<Settings, "backendUrl" | "itemTimeoutS">;
}) {
  if (check.state === "checking")
    return (
      <p class="message hint" data-testid="connection">
        Checking the connection…
      </p>
    );
  if (check.state === "ok")
    return (
      <p class="message message--ok" data-testid="connection">
        {connectionSummary(check.health)}
      </p>
    );
  return (
    <p class="message message--error" data-testid="connection">
      {describeFailure(check.error, { ...settings, inSettings: true })}
    </p>
  );
}

function NumberField(props: {
  field: NumberSetting;
  draft: SettingsDraft;
  problems: SettingsProblems;
  onDraft: (patch: Partial<SettingsDraft>) => void;
}) {
  const { field, problems } = props;
  const range = SETTING_RANGES[field];
  const value = props.draft[field];
  return (
    <>
      <label class="field field--number">
        <Text>{range.label}</Text>
        <TextboxNumeric
          value={value === null ? "" : String(value)}
          minimum={range.min}
          maximum={range.max}
          incrementSmall={range.step}
          incrementBig={range.step * 10}
          integer
          aria-invalid={problems[field] ? "true" : undefined}
          aria-describedby={problems[field] ? `${field}-problem` : undefined}
          onNumericValueInput={(n: number | null) => props.onDraft({ [field]: n })}
        />
      </label>
      <FieldProblem id={`${field}-problem`} problem={problems[field]} />
    </>
  );
}

export function SettingsView(props: {
  settings: Settings;
  draft: SettingsDraft;
  onDraft: (draft: SettingsDraft) => void;
  /** Stores the settings; the App then checks the connection they name. */
  onSave: (settings: Settings) => Promise<void>;
  /** The check of the stored URL and key. */
  preflight: PreflightCheck;
}) {
  const { settings, draft } = props;
  // A check of URL and key not saved yet; shown only while the fields still say them.
  const [tried, setTried] = useState<{ target: Connection; check: Preflight } | null>(null);
  const trying = useRef<AbortController | null>(null);
  useEffect(() => () => trying.current?.abort(), []);
  const problems = settingsProblems(draft);
  const next = savedFrom(draft, settings);
  const update = (patch: Partial<SettingsDraft>) => props.onDraft({ ...draft, ...patch });
  const stored = sameConnection(draft, settings);
  const shown = stored ? props.preflight.result : tried && sameConnection(tried.target, draft) ? tried.check : null;

  async function testConnection() {
    if (stored) return props.preflight.recheck();
    trying.current?.abort();
    const controller = (trying.current = new AbortController());
    const target = { backendUrl: draft.backendUrl, apiKey: draft.apiKey };
    setTried({ target, check: { state: "checking" } });
    const check = await preflight(createBackendClient(target.backendUrl, target.apiKey), controller.signal);
    if (check) setTried({ target, check });
  }

  return (
    <div class="screen">
      <label class="field">
        <Text>Backend URL</Text>
        <Textbox
          value={draft.backendUrl}
          onValueInput={(backendUrl: string) => update({ backendUrl })}
          placeholder="https://depth.example.com"
          aria-invalid={problems.backendUrl ? "true" : undefined}
          aria-describedby={problems.backendUrl ? "backendUrl-problem" : undefined}
        />
      </label>
      <FieldProblem id="backendUrl-problem" problem={problems.backendUrl} />
      <label class="field">
        <Text>API key</Text>
        <Textbox
          password
          value={draft.apiKey}
          onValueInput={(apiKey: string) => update({ apiKey })}
          placeholder="Leave empty for a local backend"
          aria-invalid={problems.apiKey ? "true" : undefined}
          aria-describedby={problems.apiKey ? "apiKey-problem" : undefined}
        />
      </label>
      <FieldProblem id="apiKey-problem" problem={problems.apiKey} />
      <NumberField field="targetSize" draft={draft} problems={problems} onDraft={update} />
      <NumberField field="concurrency" draft={draft} problems={problems} onDraft={update} />
      <NumberField field="confirmAboveCredits" draft={draft} problems={problems} onDraft={update} />
      <VerticalSpace space="small" />
      <div class="row">
        <Button
          secondary
          onClick={testConnection}
          loading={shown?.state === "checking"}
          disabled={Boolean(problems.backendUrl)}
        >
          Test connection
        </Button>
        <Button data-primary disabled={!next || !isDirty(draft, settings)} onClick={() => next && props.onSave(next)}>
          {isDirty(draft, settings) ? "Save" : "Saved"}
        </Button>
      </div>
      {shown ? <ConnectionStatus check={shown} settings={{ ...settings, backendUrl: draft.backendUrl }} /> : null}
    </div>
  );
}
