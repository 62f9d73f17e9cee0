// The Worker wrangler bundles (wrangler.toml's main): the backend of worker.ts with the built
// <depth-frame> player, which wrangler's custom build writes and bundles as a Text module.
import player from "../../build/worker/depth-frame.txt";
import { createWorker } from "./worker.js";

export default createWorker(player);
