// Tabs as the ARIA pattern has them: one tab in the tab order, arrow keys, Home and End to move
// (the library's Tabs are radio buttons, which screen readers do not announce as tabs).
import { useRef } from "preact/hooks";

export const tabId = (slug: string) => `tab-${slug}`;
export const panelId = (slug: string) => `panel-${slug}`;

export function TabList<T extends string>(props: {
  tabs: ReadonlyArray<{ slug: T; label: string }>;
  value: T;
  onChange: (slug: T) => void;
}) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const index = props.tabs.findIndex((t) => t.slug === props.value);

  function move(event: KeyboardEvent) {
    const last = props.tabs.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const wrapped = (next + props.tabs.length) % props.tabs.length;
    props.onChange(props.tabs[wrapped]!.slug);
    buttons.current[wrapped]?.focus();
  }

  return (
    <div class="tabs" role="tablist" aria-label="Depthframe" onKeyDown={move}>
      {props.tabs.map((tab, i) => (
        <button
          key={tab.slug}
          ref={(el) => void (buttons.current[i] = el)}
          type="button"
          role="tab"
          id={tabId(tab.slug)}
          class="tab"
          aria-selected={tab.slug === props.value}
          // Only the shown panel exists to point at.
          aria-controls={tab.slug === props.value ? panelId(tab.slug) : undefined}
          tabIndex={tab.slug === props.value ? 0 : -1}
          onClick={() => props.onChange(tab.slug)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
