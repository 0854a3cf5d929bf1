// A release-branch flow's schedules in the generated workflow: GitHub runs every schedule on the
// default branch, so when prod names another branch a dispatch job dispatches the tick onto it. The
// workflow declares the dispatch input that carries the tick, and grants `actions: write` to that
// job alone, which runs on schedule events only, and only where a dispatch can happen. Checked with
// GitHub's own parser.
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseManifest } from "../../src/manifest/load.js";
import type { Project } from "../../src/manifest/project.js";
import { committedDefaultBranch, DISPATCH_JOB, generateWorkflow } from "../../src/workflow/generate.js";
import { SCHEDULED_TICK_INPUT, scheduleDispatchBranches } from "../../src/workflow/schedules.js";

function project(source: string): Project {
  const result = parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
  if (!result.ok) throw new Error(result.error.map((d) => d.message).join("\n"));
  return result.value.project;
}

async function validate(content: string): Promise<void> {
  const result = parseWorkflow({ name: "kiln.yml", content }, new NoOperationTraceWriter());
  expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  await convertWorkflowTemplate(result.context, result.value!);
  expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
}

function manifest(options: { automation?: string; prod?: string; retry?: boolean }): string {
  return [
    "version: 1",
    "assets:",
    "  model:",
    '    code-version: "1"',
    "    run: python train.py",
    "    outputs: [build/model.json]",
    ...(options.automation ? [`    automation: ${options.automation}`] : []),
    ...(options.retry ? ["    retry-failed: 2h"] : []),
    ...(options.prod ? ["environments:", `  prod: { branches: ${options.prod} }`] : []),
    "",
  ].join("\n");
}

const CRON = '{ on_cron: "17 3 * * 1", tz: Europe/Berlin }';

type Workflow = {
  on: { workflow_dispatch: { inputs: Record<string, Record<string, unknown>> } };
  jobs: Record<
    string,
    { permissions: Record<string, string>; if?: string; steps?: { with?: Record<string, string> }[] }
  >;
};

async function generated(
  source: string,
  defaultBranch?: string,
): Promise<{ text: string; workflow: Workflow }> {
  const text = generateWorkflow(project(source), { manifestPath: "kiln.yml", defaultBranch });
  await validate(text);
  return { text, workflow: parseYaml(text) as Workflow };
}

describe("schedules of a release-branch flow in the generated workflow", () => {
  it("gives a dispatch job alone actions: write, on schedule events only, and declares the tick input when prod's branch is not the default branch", async () => {
    const { text, workflow } = await generated(manifest({ automation: CRON, prod: "[production]" }), "main");
    const dispatch = workflow.jobs[DISPATCH_JOB]!;
    expect(dispatch.permissions).toEqual({ contents: "read", actions: "write" });
    expect(dispatch.if).toBe("github.event_name == 'schedule'");
    expect(dispatch.steps?.at(-1)?.with).toMatchObject({ command: "dispatch" });
    for (const [id, job] of Object.entries(workflow.jobs))
      if (id !== DISPATCH_JOB) expect(job.permissions.actions ?? "none", id).not.toBe("write");
    const input = workflow.on.workflow_dispatch.inputs[SCHEDULED_TICK_INPUT];
    expect(input).toMatchObject({ type: "string", default: "" });
    expect(String(input?.description)).toContain("Leave empty.");
    // The action reads it from the dispatch's payload: it is pasted into no `with:`, no run text,
    // no expression of the file.
    expect(text.match(new RegExp(SCHEDULED_TICK_INPUT, "g"))).toHaveLength(1);
    // The header says why the dispatch job exists, and names the default branch for --check.
    expect(text).toContain(
      "# Schedules run on the default branch, main: the dispatch job sends each tick onto prod's branch production.",
    );
    expect(committedDefaultBranch(text)).toBe("main");
  });

  it("dispatches to every prod branch but the default one, and to none when prod is the default branch", async () => {
    const several = project(manifest({ automation: CRON, prod: "[main, release, production]" }));
    expect(scheduleDispatchBranches(several, "main")).toEqual(["release", "production"]);
    const onDefault = await generated(manifest({ automation: CRON, prod: "[main]" }), "main");
    expect(onDefault.workflow.jobs[DISPATCH_JOB]).toBeUndefined();
    expect(onDefault.workflow.on.workflow_dispatch.inputs[SCHEDULED_TICK_INPUT]).toBeUndefined();
    expect(onDefault.text).not.toContain("Schedules run on the default branch");
    // prod follows the default branch when it names none: schedules already run there.
    const follows = await generated(manifest({ automation: CRON }), "trunk");
    expect(follows.workflow.jobs[DISPATCH_JOB]).toBeUndefined();
  });

  it("grants nothing more when no schedule exists, and counts a retry-failed tick as one", async () => {
    const none = await generated(manifest({ prod: "[production]" }), "main");
    expect(none.workflow.jobs[DISPATCH_JOB]).toBeUndefined();
    expect(none.workflow.on.workflow_dispatch.inputs[SCHEDULED_TICK_INPUT]).toBeUndefined();
    // A due retry on production needs a tick there as much as a cron does.
    const retry = await generated(manifest({ prod: "[production]", retry: true }), "main");
    expect(retry.workflow.jobs[DISPATCH_JOB]!.permissions).toEqual({ contents: "read", actions: "write" });
  });

  it("takes main or master for the default branch when it is not known, as the push trigger does", async () => {
    const { text, workflow } = await generated(manifest({ automation: CRON, prod: "[production]" }));
    expect(workflow.jobs[DISPATCH_JOB]!.permissions).toEqual({ contents: "read", actions: "write" });
    expect(text).toContain(
      "# Schedules run on the default branch (main or master; not known here): the dispatch job sends each tick onto prod's branch production.",
    );
    expect(committedDefaultBranch(text)).toBeUndefined();
    const onMaster = await generated(manifest({ automation: CRON, prod: "[master]" }));
    expect(onMaster.workflow.jobs[DISPATCH_JOB]).toBeUndefined();
  });
});
