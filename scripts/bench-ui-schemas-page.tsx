// A variant of `npm run bench:ui`'s baseline that also builds the shared zod/mini schemas the UI
// imports, to show what their construction at start costs.
import * as api from "../src/shared/api.js";
import * as errors from "../src/shared/errors.js";
import * as immersity from "../src/shared/immersity.js";
import * as messages from "../src/shared/messages.js";
import * as settings from "../src/shared/settings.js";
import "./bench-ui-baseline-page.js";

Object.assign(globalThis, { schemas: [api, errors, immersity, messages, settings] });
