// The hand-written workflows docs/github.md and the README show, played as GitHub would run them
// (test/support/workflow-play.ts: `needs`, `if:` and every `${{ }}` evaluated by GitHub's own
// expression engine), each Kiln step run as the action's command in-process. A reader copies these
// blocks as they are; what they do on a schedule tick or a push that changes nothing is what the
// reader gets.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { materializeAction } from "../../src/action/materialize.js";
import { planAction } from "../../src/action/plan.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { commitNewRepository } from "../support/git-script.js";
import { gitIn } from "../support/kiln-in-process.js";
import { playWorkflow, type WorkflowStep, workflowErrors } from "../support/workflow-play.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The first fenced YAML block after `marker` in `doc`. */
function yamlAfter(doc: string, marker: string): string {
  const text = readFileSync(path.join(ROOT, doc), "utf8");
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${doc} no longer says ${JSON.stringify(marker)}`);
  const block = /```yaml\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`${doc} has no yaml block after ${JSON.stringify(marker)}`);
  return block[1] as string;
}

function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-doc-snippet-"));
  for (const [file, content] of Object.entries({ ".gitignore": "build/\n.kiln/\n", ...files })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  commitNewRepository(dir, "init");
  return dir;
}

interface Tick {
  event: "push" | "schedule";
  run: string;
  now?: string;
}

/** Plays `workflow` for one event; every Kiln step's log, and the `version` each materialize step recorded. */
async function play(dir: string, workflow: string, tick: Tick) {
  const env = {
    ...jobEnv(dir, { event: tick.event, ref: "refs/heads/main", refName: "main", runId: tick.run }),
    GITHUB_RUN_ATTEMPT: "1",
    ...(tick.now ? { KILN_NOW: tick.now } : {}),
  };
  const logs: string[] = [];
  const versions: Record<string, string> = {};
  let ran = false;
  const played = await playWorkflow({
    workflow,
    github: { event_name: tick.event, ref: "refs/heads/main", ref_name: "main", event: {} },
    runStep: async (_job, step: WorkflowStep & { with: Record<string, string> }) => {
      if (!step.uses?.startsWith("kiln-ml/kiln@")) return undefined;
      const recorded = recordingIO(dir, env);
      const read = readInputs((name) => step.with[name] ?? "");
      if (!read.ok) throw new Error(read.error);
      if (read.inputs.command === "plan") await planAction(recorded.io, read.inputs);
      else {
        const result = await materializeAction(recorded.io, read.inputs);
        if (result.failed) throw new Error(recorded.logs.join("\n"));
      }
      logs.push(...recorded.logs);
      const version = recorded.outputs.get("version");
      if (version && step.with.asset) versions[step.with.asset] = version;
      if (recorded.outputs.get("ran") === "true") ran = true;
      return { ok: recorded.failed.length === 0, outputs: Object.fromEntries(recorded.outputs) };
    },
  });
  return { played, logs: logs.join("\n"), versions, ran };
}

describe("docs/github.md's hand-written workflows", () => {
  it("'One asset in its own job, after a plan' retrains a weekly root model on its next Monday", async () => {
    const workflow = yamlAfter("docs/github.md", "One asset in its own job, after a plan:");
    const dir = repository({
      "kiln.yml":
        'version: 1\nassets:\n  model:\n    code: [steps/model.sh]\n    run: sh steps/model.sh\n    outputs: [build/model.txt]\n    automation: { on_cron: "0 3 * * 1" }\n',
      // New bytes on every run, as a retrain on newer data gives.
      "steps/model.sh": "mkdir -p build && date +%s%N > build/model.txt\n",
    });
    for (const [run, now, expected] of [
      ["1", "2026-11-16T03:07:00Z", "v1"],
      ["2", "2026-11-23T03:07:00Z", "v2"],
    ] as const) {
      const { played, logs, versions } = await play(dir, workflow, { event: "schedule", run, now });
      expect(played.results.model, logs).toBe("success");
      expect(versions.model, logs).toBe(expected);
    }
  }, 240_000);

  const twoAssets = {
    "kiln.yml":
      "version: 1\nassets:\n  data:\n    code: [steps/data.sh]\n    run: sh steps/data.sh\n    outputs: [build/data.txt]\n  model:\n    deps: [data]\n    code: [steps/model.sh]\n    run: sh steps/model.sh\n    outputs: [build/model.txt]\n",
    "steps/data.sh": "mkdir -p build && echo rows > build/data.txt\n",
    "steps/model.sh": "mkdir -p build && echo weights > build/model.txt\n",
  };

  /** A first push builds the pipeline; a second that changes only README.md retrains nothing. */
  async function pushesTwice(workflow: string) {
    const dir = repository(twoAssets);
    const first = await play(dir, workflow, { event: "push", run: "1" });
    expect(first.ran, `the first push builds the pipeline:\n${first.logs}`).toBe(true);
    writeFileSync(path.join(dir, "README.md"), "# docs\n");
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "docs");
    const second = await play(dir, workflow, { event: "push", run: "2" });
    expect(second.logs).not.toMatch(/(data|model): success/);
    expect(second.ran, second.logs).toBe(false);
  }

  it("'A single job that runs the whole pipeline' retrains nothing on a push that changes nothing", async () => {
    const workflow = yamlAfter("docs/github.md", "A single job that runs the whole pipeline:");
    expect(await workflowErrors("train.yml", workflow)).toEqual([]);
    await pushesTwice(workflow);
  }, 240_000);

  it("the README's `command: run` step retrains nothing on a push that changes nothing", async () => {
    const step = yamlAfter("README.md", "A hand-written\nworkflow can call the action directly:");
    const indented = step
      .trimEnd()
      .split("\n")
      .map((line) => `      ${line}`)
      .join("\n");
    await pushesTwice(`on: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n${indented}\n`);
  }, 240_000);
});
