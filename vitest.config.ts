import { defineConfig } from "vitest/config";
import LongestFirst from "./test/sequencer.js";

/**
 * Files that run in a fresh process of their own. Most files share a worker with the files before
 * them (the `shared` project): each fresh process imports vitest and ~150 of Kiln's modules again,
 * 1-3 s of one worker's time per file on a loaded machine. Files that change the working directory
 * or the Actions variables on process.env (test/store-github/results-service.test.ts, the
 * in-process workflow scenarios) put them back after each test or job, and share. What a file
 * cannot put back is a module's first import: the ones below need it to happen in their own setup.
 */
const ISOLATED = [
  // They read another run's artifacts, which @actions/artifact does through @actions/github, whose
  // API URL is fixed when it is first imported in a process (on a runner, GITHUB_API_URL is set
  // before the start): here, in their first job, with the stand-in's URL. In a shared worker an
  // earlier file may have imported it with none (api.github.com) or with a stand-in since stopped.
  "test/store/chain.test.ts",
  "test/store-github/actions-stores.test.ts",
];

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    // One temporary root per run, removed at its end (see the file).
    globalSetup: ["test/global-setup.ts"],
    // Generous: on a loaded 2-core machine a scenario that plays a whole workflow run job by job
    // took over 60 s (8 s when idle). A limit exists to catch a hang, never to judge speed.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // Tests spawn real git and child processes, and a worker waits on them much of the time: on two
    // cores (all CI has), three workers keep both busy. Measured idle in a fresh clone: 177 s with
    // two, 152 s with three, 151 s with four. Four on a loaded machine: the scheduler shares the
    // cores among runnable processes, and with three workers the suite often had fewer runnable
    // than a CPU-bound neighbour could take. Measured with `node -e 'for(;;){}'` beside a fresh
    // clone's `npm test` (same commit, machine otherwise loaded): the suite's CPU 306 s with three
    // workers and 308 s with four, the neighbour's 155 s and 98 s (the suite's share 66 % → 76 %).
    pool: "forks",
    maxWorkers: 4,
    // `gc()` for test/setup.ts, which collects a shared worker's heap between files (the processes
    // tests start are forked from the worker, and a fork costs in proportion to what it holds).
    execArgv: ["--expose-gc"],
    // @actions/workflow-parser imports JSON without an import attribute; let vitest transform it.
    server: { deps: { inline: ["@actions/workflow-parser", "@actions/expressions"] } },
    // Both projects share the workers: the isolated files first, then the longest first, also
    // in a fresh clone without vitest's cache of durations (test/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: "isolated", include: ISOLATED } },
      {
        extends: true,
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false },
      },
    ],
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
