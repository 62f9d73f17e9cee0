// A row's name as the button that selects and zooms to its layer. Its name is its text ("Select
// Photo", the verb for screen readers only), and the whole row is its target (styles.css).
export function SelectButton(props: { name: string; describedBy: string; onClick: () => void }) {
  return (
    <button
      type="button"
      class="item__select"
      title={props.name}
      aria-describedby={props.describedBy}
      onClick={props.onClick}
    >
      <span class="visually-hidden">Select </span>
      {props.name}
    </button>
  );
}
