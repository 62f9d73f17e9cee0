// `npm start`: builds the plugin and the server (scripts/build.ts, in a child process through tsx),
// then runs the compiled server in this process. Plain JavaScript, so that the server's process has
// no TypeScript loader in it, and so that the build cannot be skipped (npm skips "prestart" scripts
// where scripts are turned off) nor a stale one run.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const build = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./build.ts", import.meta.url))], {
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);
await import("../build/server/serve.js");
