// The pinned footer: overall progress, the estimate (or why Generate is off), and the primary
// action, or the confirm step before credits are spent on making results again.
import { Button } from "@create-figma-plugin/ui";
import { progressText, type BatchProgress } from "../batch-progress.js";

export interface Confirm {
  text: string;
  action: string;
  onConfirm: () => void;
  onBack: () => void;
}

export interface FooterProps {
  estimate: string | null;
  /** Why Generate is off: an option the backend would refuse. */
  problem: string | null;
  running: boolean;
  generateLabel: string;
  canGenerate: boolean;
  failed: string[];
  progress: BatchProgress | null;
  confirm: Confirm | null;
  /** Results placed while the designer selected something else, to select on request. */
  placedElsewhere: number;
  onGenerate: () => void;
  onCancel: () => void;
  onRetry: (nodeIds: string[]) => void;
  onSelectPlaced: () => void;
}

function Progress({ progress }: { progress: BatchProgress }) {
  const settled = progress.done + progress.failed + progress.cancelled + progress.unstarted;
  return (
    <div class="overall">
      <span id="overall-label">{progressText(progress)}</span>
      <progress aria-labelledby="overall-label" value={settled} max={Math.max(1, progress.total)} />
    </div>
  );
}

export function BatchFooter(props: FooterProps) {
  const { confirm } = props;
  return (
    <div class="footer">
      {props.progress ? <Progress progress={props.progress} /> : null}
      {confirm ? (
        <>
          <p class="confirm">{confirm.text}</p>
          <div class="row row--end">
            <Button secondary onClick={confirm.onBack}>
              Back
            </Button>
            <Button data-primary onClick={confirm.onConfirm}>
              {confirm.action}
            </Button>
          </div>
        </>
      ) : (
        <>
          {props.problem ? (
            <p class="message message--error">{props.problem}</p>
          ) : (
            <p class="estimate">{props.estimate ?? ""}</p>
          )}
          {props.running ? (
            <Button danger onClick={props.onCancel}>
              Cancel
            </Button>
          ) : (
            <div class="row row--end">
              {props.placedElsewhere ? (
                <Button secondary onClick={props.onSelectPlaced}>
                  Select {props.placedElsewhere} result{props.placedElsewhere === 1 ? "" : "s"}
                </Button>
              ) : null}
              {props.failed.length > 1 ? (
                <Button secondary onClick={() => props.onRetry(props.failed)}>
                  Retry failed
                </Button>
              ) : null}
              <Button data-primary onClick={props.onGenerate} disabled={!props.canGenerate}>
                {props.generateLabel}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
