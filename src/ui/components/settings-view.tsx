import { Button, Text, Textbox, TextboxNumeric, VerticalSpace } from "@create-figma-plugin/ui";
import { useState } from "preact/hooks";
import type { HealthResponse } from "../../shared/api.js";
import { Settings } from "../../shared/settings.js";
import { createBackendClient } from "../backend-client.js";
import { describeFailure } from "../error-text.js";

type Check =
  | { state: "idle" }
  | { state: "checking" }
  | { state: "ok"; health: HealthResponse }
  | { state: "failed"; message: string };

export function connectionSummary(health: HealthResponse): string {
  const upstream = health.upstream === "emulator" ? "Emulator: results are synthetic" : "Immersity";
  return `Connected to backend ${health.version}. Storage: ${health.storage}. ${upstream}.`;
}

export function SettingsView({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave: (settings: Settings) => Promise<void>;
}) {
  const [draft, setDraft] = useState(settings);
  const [check, setCheck] = useState<Check>({ state: "idle" });
  const [saved, setSaved] = useState(false);
  const valid = Settings.safeParse(draft);
  const update = (patch: Partial<Settings>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  async function testConnection() {
    setCheck({ state: "checking" });
    const client = createBackendClient(draft.backendUrl, draft.apiKey);
    try {
      const health = await client.health();
      await client.prices(); // needs the key: proves it is accepted
      setCheck({ state: "ok", health });
    } catch (error) {
      setCheck({
        state: "failed",
        message: describeFailure(error, {
          backendUrl: draft.backendUrl,
          itemTimeoutS: draft.itemTimeoutS,
        }),
      });
    }
  }

  return (
    <div class="screen">
      <label class="field">
        <Text>Backend URL</Text>
        <Textbox
          value={draft.backendUrl}
          onValueInput={(backendUrl: string) => update({ backendUrl })}
          placeholder="https://depth.example.com"
        />
      </label>
      <label class="field">
        <Text>API key</Text>
        <Textbox
          password
          value={draft.apiKey}
          onValueInput={(apiKey: string) => update({ apiKey })}
          placeholder="Leave empty for a local backend"
        />
      </label>
      <label class="field field--number">
        <Text>Export size (px, long side)</Text>
        <TextboxNumeric
          value={String(draft.targetSize)}
          minimum={64}
          maximum={4096}
          integer
          onNumericValueInput={(n: number | null) => n !== null && update({ targetSize: n })}
        />
      </label>
      <label class="field field--number">
        <Text>Parallel jobs</Text>
        <TextboxNumeric
          value={String(draft.concurrency)}
          minimum={1}
          maximum={8}
          integer
          onNumericValueInput={(n: number | null) => n !== null && update({ concurrency: n })}
        />
      </label>
      <VerticalSpace space="small" />
      <div class="row">
        <Button secondary onClick={testConnection} loading={check.state === "checking"} disabled={!valid.success}>
          Test connection
        </Button>
        <Button
          data-primary
          disabled={!valid.success}
          onClick={async () => {
            await onSave(Settings.parse(draft));
            setSaved(true);
          }}
        >
          {saved ? "Saved" : "Save"}
        </Button>
      </div>
      {!valid.success ? <p class="message message--error">Enter a full URL, such as http://127.0.0.1:8787.</p> : null}
      {check.state === "ok" ? (
        <p class="message message--ok" data-testid="connection">
          {connectionSummary(check.health)}
        </p>
      ) : null}
      {check.state === "failed" ? (
        <p class="message message--error" data-testid="connection">
          {check.message}
        </p>
      ) : null}
    </div>
  );
}
