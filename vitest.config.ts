import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests talk to real servers on 127.0.0.1; a generous ceiling only catches hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
