// One temporary folder per test run. Every test, helper and child process that asks the system for
// a temporary folder (`os.tmpdir()`, `mktemp`, git, Chromium) gets one under this root, because the
// setup file points TMPDIR at it in each worker; the root is removed when the run ends, so a run
// leaves nothing in /tmp (before: ~15,000 folders per full run). It is removed by a detached `rm`
// that outlives vitest: a full run's root holds a clone per workflow job and hundreds of
// repositories (45,000 files), and removing them in the teardown kept `npm test` running 30-90 s
// after the last test on a loaded 2-core machine. Screenshots meant to be kept go to
// test-results/, never here. The system's own temporary folder is passed on for what must outlive
// a run (the bundle cache, test/support/bundles.ts).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { stopSharedAzurite } from "./support/azurite.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's temporary root (TMPDIR in every worker). */
    tmpRoot: string;
    /** The system's temporary folder, for caches shared by runs. */
    systemTmp: string;
  }
}

export default function setup(project: TestProject): (() => Promise<void>) | undefined {
  // Every project inherits this file from the root configuration (`extends: true` merges the
  // list, so a project cannot take it off), and vitest runs it for each project and for the root:
  // three temporary roots and two Azurites a run. Only the root's acts; what it provides reaches
  // every project.
  if (!project.isRootProject()) return undefined;
  const systemTmp = os.tmpdir();
  const tmpRoot = mkdtempSync(path.join(systemTmp, "kiln-test-run-"));
  project.provide("tmpRoot", tmpRoot);
  project.provide("systemTmp", systemTmp);
  return async () => {
    stopSharedAzurite(tmpRoot);
    // A step or server a test started may still be closing files: a second pass a second later
    // takes what the first could not.
    const script = 'rm -rf -- "$1" 2>/dev/null || { sleep 1; rm -rf -- "$1"; }';
    const remover = spawn("sh", ["-c", script, "sh", tmpRoot], { detached: true, stdio: "ignore" });
    remover.unref();
    // Without a shell to start (not a POSIX system), removed here.
    await once(remover, "spawn").catch(() => removeNow(tmpRoot));
  };
}

function removeNow(tmpRoot: string): void {
  // A folder that cannot go is named, never a failure of the run whose tests passed.
  try {
    rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    console.warn(`could not remove the run's temporary folder ${tmpRoot}: ${String(error)}`);
  }
}
