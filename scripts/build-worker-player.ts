// wrangler's custom build (wrangler.toml [build]): the minified <depth-frame> player as a text file
// the Worker imports as a Text module, so it serves the same file as the Node backend without a
// file system. Written beside, then renamed in: Worker suites that bundle at once never read half a file.
import * as esbuild from "esbuild";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { playerOptions } from "./build.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORKER_PLAYER_FILE = path.join(root, "build", "worker", "depth-frame.txt");

const built = await esbuild.build({ ...playerOptions(true), write: false });
await mkdir(path.dirname(WORKER_PLAYER_FILE), { recursive: true });
const fresh = `${WORKER_PLAYER_FILE}.${process.pid}`;
await writeFile(fresh, built.outputFiles![0]!.text);
await rename(fresh, WORKER_PLAYER_FILE);
