import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests spawn real git and child processes; two cores are all CI has.
    pool: "forks",
    maxWorkers: 2,
    // @actions/workflow-parser imports JSON without an import attribute; let vitest transform it.
    server: { deps: { inline: ["@actions/workflow-parser", "@actions/expressions"] } },
  },
});
