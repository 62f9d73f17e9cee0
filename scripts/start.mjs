// `npm start`: builds the plugin and the server (scripts/build.ts, in a child process through tsx),
// then runs the compiled server in this process. Plain JavaScript, so that the server's process has
// no TypeScript loader in it, and so that the build cannot be skipped (npm skips "prestart" scripts
// where scripts are turned off) nor a stale one run.
//
// package.json runs this with Node's young generation capped at 4 MB a half (--max-semi-space-size,
// 16 by default): a burst of requests makes megabytes of state that lives for seconds, and a
// scavenge copies all of it that was made since the one before; a smaller young generation copies
// it in smaller parts, and under 500 jobs at once keeps the event loop's worst stall shorter, and
// the process about 17 MB smaller, at the price of more scavenges (docs/benchmarks.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const build = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./build.ts", import.meta.url))], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
await import("../build/server/serve.js");
