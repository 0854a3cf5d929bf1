import { inject } from "vitest";

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
