// GitHub's "Re-run failed jobs" and "Re-run all jobs" start attempt 2 of the same workflow run,
// with the plan attempt 1 made. A failure of attempt 1 is what the user retries: it must not hold
// the asset back as "handled" in that run, or the re-run turns green without training anything.
// Another run (a later push) still finds the failure handled, as Dagster does.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { materializeAction } from "../../src/action/materialize.js";
import { planAction } from "../../src/action/plan.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { gitIn } from "../support/kiln-in-process.js";

function project(flag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-rerun-"));
  mkdirSync(path.join(dir, "steps"));
  writeFileSync(
    path.join(dir, "kiln.yml"),
    "version: 1\nassets:\n  model:\n    code: [steps/model.sh]\n    run: sh steps/model.sh\n    outputs: [build/model.txt]\n",
  );
  // Flaky: fails while the flag file exists (outside the repository: no input of the asset).
  writeFileSync(
    path.join(dir, "steps/model.sh"),
    `if [ -f '${flag}' ]; then echo 'network down' >&2; exit 1; fi\nmkdir -p build && echo ok > build/model.txt\n`,
  );
  writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\n");
  gitIn(dir, "init", "-q", "-b", "main");
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "init");
  return dir;
}

function env(dir: string, runId: string, attempt: string): NodeJS.ProcessEnv {
  return {
    ...jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main", runId }),
    GITHUB_RUN_ATTEMPT: attempt,
  };
}

async function modelJob(dir: string, runId: string, attempt: string) {
  const recorded = recordingIO(dir, env(dir, runId, attempt));
  const given: Record<string, string> = { command: "materialize", asset: "model", plan: '{"model":"run"}' };
  const read = readInputs((name) => given[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  const result = await materializeAction(recorded.io, read.inputs);
  return { ...recorded, jobFailed: result.failed };
}

async function planJob(dir: string, runId: string, attempt: string) {
  const recorded = recordingIO(dir, env(dir, runId, attempt));
  const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  return { plan: await planAction(recorded.io, read.inputs), logs: recorded.logs };
}

describe("a re-run of a workflow run whose asset job failed", () => {
  it("retries the failed asset (re-run failed jobs), and a later run does not", async () => {
    const flag = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-rerun-flag-")), "down");
    writeFileSync(flag, "");
    const dir = project(flag);
    const first = await modelJob(dir, "41", "1");
    expect(first.jobFailed, first.logs.join("\n")).toBe(true);

    // Another run (a later push, nothing changed): the failure is handled there.
    const later = await planJob(dir, "42", "1");
    expect(later.plan, later.logs.join("\n")).toEqual({ model: "skip" });

    // The flake is gone; the user re-runs the failed job of run 41.
    rmSync(flag);
    const again = await modelJob(dir, "41", "2");
    expect(again.jobFailed, again.logs.join("\n")).toBe(false);
    expect(again.outputs.get("version"), again.logs.join("\n")).toBe("v1");
    expect(existsSync(path.join(dir, "build/model.txt"))).toBe(true);
  }, 120_000);

  it("plans the failed asset again when all jobs are re-run", async () => {
    const flag = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-rerun-flag-")), "down");
    writeFileSync(flag, "");
    const dir = project(flag);
    expect((await modelJob(dir, "51", "1")).jobFailed).toBe(true);
    const rerun = await planJob(dir, "51", "2");
    expect(rerun.plan, rerun.logs.join("\n")).toEqual({ model: "run" });
  }, 120_000);
});
