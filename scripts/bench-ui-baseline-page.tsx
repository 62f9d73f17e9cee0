// The baseline of `npm run bench:ui`: the plugin's opening screen (tabs, three rows, the Depth
// options, the footer) as bare Preact and @create-figma-plugin/ui, with the UI's own styles, and
// none of its logic: no schemas, no messages, no backend client, no state.
import "@create-figma-plugin/ui/css/theme.css";
import "@create-figma-plugin/ui/css/base.css";
import "../src/ui/styles.css";
import { Button, Checkbox, SegmentedControl, Text, TextboxNumeric } from "@create-figma-plugin/ui";
import { render } from "preact";

const TABS = ["Depth", "3D animation", "Settings"];
const ROWS = ["Photo", "Checkout screen", "Billboard"];

function Baseline() {
  return (
    <div class="app">
      <div class="tabs" role="tablist">
        {TABS.map((label, i) => (
          <button type="button" role="tab" class="tab" aria-selected={i === 0}>
            {label}
          </button>
        ))}
      </div>
      <div class="panel" role="tabpanel">
        <ul class="items">
          {ROWS.map((name) => (
            <li class="item">
              <div class="item__thumb" />
              <div class="item__text">
                <div class="item__name">{name}</div>
                <div class="item__meta">480 × 320</div>
              </div>
            </li>
          ))}
        </ul>
        <div class="row" role="group" aria-label="Bit depth">
          <Text>Bit depth</Text>
          <SegmentedControl
            value="uint8"
            options={[
              { value: "uint8", children: "8-bit" },
              { value: "uint16", children: "16-bit" },
            ]}
          />
        </div>
        <label class="row">
          <Text>Edge dilation</Text>
          <TextboxNumeric value="0.0063" />
        </label>
        <Checkbox value={false}>
          <Text>Make new results (skip the cache)</Text>
        </Checkbox>
        <div class="footer">
          <p class="estimate">Up to 30 credits (10 per image; stored results are free)</p>
          <div class="row row--end">
            <Button>Generate 3 depth maps</Button>
          </div>
        </div>
      </div>
    </div>
  );
}

render(<Baseline />, document.getElementById("app")!);
