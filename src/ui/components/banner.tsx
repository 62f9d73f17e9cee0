// One problem that stops every row alike, said once above the tab: the backend cannot be used
// (with the way to Settings and a second check), or the account ran out of credits.
import { Button } from "@create-figma-plugin/ui";

export function Banner(props: {
  message: string;
  onSettings?: () => void;
  onRecheck?: () => void;
  /** A second check is running. */
  rechecking?: boolean;
}) {
  return (
    <div class="banner" aria-busy={props.rechecking ? "true" : undefined}>
      <p class="banner__text" role="alert">
        {props.message}
      </p>
      {props.onSettings || props.onRecheck ? (
        <div class="row row--end">
          {props.onRecheck ? (
            <Button secondary onClick={props.onRecheck} loading={props.rechecking ?? false}>
              Check again
            </Button>
          ) : null}
          {props.onSettings ? (
            <Button secondary onClick={props.onSettings}>
              Open Settings
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
