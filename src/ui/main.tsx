// The UI entry: Figma's theme and component styles, then the app.
import "@create-figma-plugin/ui/css/theme.css";
import "@create-figma-plugin/ui/css/base.css";
import "./styles.css";
import { render } from "preact";
import { createBridge } from "./bridge.js";
import { App } from "./components/app.js";

render(<App bridge={createBridge()} />, document.getElementById("app")!);
