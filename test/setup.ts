import { afterAll, inject } from "vitest";

// Tests commit to temporary repositories with real git; a fresh CI machine may have no identity.
for (const [key, value] of Object.entries({
  GIT_AUTHOR_NAME: "Kiln Tests",
  GIT_AUTHOR_EMAIL: "tests@kiln.invalid",
  GIT_COMMITTER_NAME: "Kiln Tests",
  GIT_COMMITTER_EMAIL: "tests@kiln.invalid",
})) {
  process.env[key] ??= value;
}
// A developer's global git config (hooks, signing, default branch) must not leak into tests.
process.env.GIT_CONFIG_NOSYSTEM = "1";
process.env.GIT_CONFIG_GLOBAL ??= "/dev/null";
// A machine's extra CA bundle (set on this one for its registry proxy) makes every Node process
// parse it at start: 68 ms of CPU for `node -e 0` instead of 22. The CLI runs, steps and writer
// processes the tests start inherit this environment (~350 Node starts a run); they only talk to
// local stand-ins over plain HTTP, so no test needs it. Tests of what Kiln does with the variable
// set it themselves (test/run/step-spawner.test.ts).
delete process.env.NODE_EXTRA_CA_CERTS;
// Every temporary folder of this run, the tests' and their child processes', goes under the run's
// root, which test/global-setup.ts removes at the end (os.tmpdir() reads TMPDIR on each call).
// (Absent when a configuration without test/global-setup.ts runs these files: the system's is kept.)
const tmpRoot = inject("tmpRoot");
if (tmpRoot) {
  process.env.KILN_TEST_SYSTEM_TMP = inject("systemTmp");
  process.env.TMPDIR = tmpRoot;
}

// A shared worker runs file after file in one process, and V8 lets its heap grow with them: a
// worker held 300-600 MB by the end of a run, most of it garbage (a full collection brought
// 494 MB of heap to 40). Every process a test starts (git, the CLI, a workflow job; ~7,000 a run)
// is forked from the worker, and a fork copies the page tables of all it holds and then takes a
// fault for each page the worker writes again: 2.2 ms of system time per spawn at 300 MB, 1.1 at
// 90 MB (measured on the 2-core machine). So after a file that left much behind, the heap is
// collected before the next file starts its processes. Below the threshold a collection (~50 ms)
// would cost more than it saves. `gc` is there with --expose-gc (vitest.config.ts's execArgv).
const COLLECT_ABOVE_BYTES = 96 * 1024 * 1024;
afterAll(() => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect && process.memoryUsage().heapUsed > COLLECT_ABOVE_BYTES) collect();
});
