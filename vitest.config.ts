import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // One temporary root per run, removed at its end (see the file).
    globalSetup: ["test/global-setup.ts"],
    // Generous: on a loaded 2-core machine a scenario that plays a whole workflow run job by job
    // took over 60 s (8 s when idle). A limit exists to catch a hang, never to judge speed.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // Tests spawn real git and child processes; two cores are all CI has.
    pool: "forks",
    maxWorkers: 2,
    // @actions/workflow-parser imports JSON without an import attribute; let vitest transform it.
    server: { deps: { inline: ["@actions/workflow-parser", "@actions/expressions"] } },
    // `npm run test:coverage`: what the tests reach in-process (child processes are not counted);
    // scripts/coverage-folders.mjs prints it per folder of src/.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/site/client/**"],
      reporter: ["json-summary"],
      reportsDirectory: "coverage",
    },
  },
});
