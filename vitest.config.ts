import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  resolve: {
    // The component library marks its global stylesheets with a leading "!" for its own bundler.
    alias: [{ find: /^!(\.{1,2}\/.*\.css)$/, replacement: "$1" }],
  },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // Tests talk to real servers on 127.0.0.1; a generous ceiling only catches hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Polls wait for real pages and servers on two shared cores; the same ceiling idea, not a speed target.
    expect: { poll: { timeout: 10_000 } },
    // Its modules import CSS, which only Vite (not Node) can load.
    server: { deps: { inline: [/@create-figma-plugin\/ui/] } },
  },
});
