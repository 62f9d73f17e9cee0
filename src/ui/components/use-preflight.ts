// The backend checked once when the plugin opens, again whenever its URL or key change, and on
// request ("Check again", Save).
import { useEffect, useState } from "preact/hooks";
import type { BackendClient } from "../backend-client.js";
import { preflight, type Preflight } from "../preflight.js";

export interface PreflightCheck {
  result: Preflight;
  recheck: () => void;
}

export function usePreflight(client: BackendClient | null): PreflightCheck {
  const [result, setResult] = useState<Preflight>({ state: "checking" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    setResult((last) => (last.state === "failed" ? { ...last, again: true } : { state: "checking" }));
    void preflight(client, controller.signal).then((outcome) => outcome && setResult(outcome));
    return () => controller.abort();
  }, [client, round]);
  return { result, recheck: () => setRound((n) => n + 1) };
}
