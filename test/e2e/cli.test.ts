import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "./rig.js";

describe("kiln commands", () => {
  it("validate prints every problem at once, compiler style", async () => {
    const rig = new Rig({
      "kiln.yml": `version: 1
assets:
  a:
    deps: [c]
    run: x
    outputs: [build/out]
    autmation: eager
  b:
    deps: [a]
    run: x
    outputs: [build/out]
  c:
    deps: [b]
    run: x
`,
    });
    const result = await rig.kiln("validate");
    expect(result.code).toBe(1);
    // The schema error does not hide the graph's: both in one run, in file order.
    expect(result.stderr).toBe(`kiln.yml:4:12 error: dependency cycle: a → c → b → a
  |
4 |     deps: [c]
  |            ^
  kiln.yml:13:12 note: c depends on b
  kiln.yml:9:12 note: b depends on a
  hint: an asset cannot depend, directly or through others, on itself

kiln.yml:7:5 error: unknown key "autmation" in \`assets.a\`
  |
7 |     autmation: eager
  |     ^^^^^^^^^
  hint: did you mean "automation"?

2 errors
`);
    rig.write({ "kiln.yml": rig.read("kiln.yml").replace("    autmation: eager\n", "") });
    const second = await rig.kiln("validate");
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("kiln.yml:4:12 error: dependency cycle: a → c → b → a");
    expect(second.stderr).toContain('kiln.yml:10:15 error: assets "a" and "b" both write build/out');
    expect(second.stderr).toContain("2 errors");
  });

  it("validate accepts a good manifest and warns about assets without a code version", async () => {
    const rig = new Rig({ "kiln.yml": "version: 1\nassets:\n  a:\n    run: python train.py\n" });
    const result = await rig.kiln("validate");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^kiln.yml is valid: project kiln-e2e-[a-z0-9]+, 1 asset, 0 sources, 1 warning\n$/,
    );
    expect(result.stderr).toContain("changes to its script will not make it stale");
  });

  it("graph prints a Mermaid flowchart, for a selection too", async () => {
    const rig = new Rig(pipelineFiles());
    const all = await rig.kiln("graph");
    expect(all.stdout).toBe(`flowchart LR
  n0["data"]
  n1["features"]
  n2["model"]
  n3["report"]
  n0 --> n1
  n1 --> n2
  n2 --> n3
`);
    const upstream = await rig.kiln("graph", "+features");
    expect(upstream.stdout).toBe('flowchart LR\n  n0["data"]\n  n1["features"]\n  n0 --> n1\n');
    const unknown = await rig.kiln("graph", "modle");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'kiln: error: unknown asset "modle"\n  hint: did you mean "model"? assets: data, features, model, report\n',
    );
  });

  it("plan and run honour selections: +model runs upstream, model+ downstream", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    const plan = JSON.parse((await rig.kiln("plan", "+features", "--json")).stdout);
    expect(Object.entries(plan.assets).map(([n, e]) => [n, (e as { run: boolean }).run])).toEqual([
      ["data", true],
      ["features", true],
    ]);
    const run = await rig.kiln("run", "+features");
    expect(run.stdout).toMatch(/features\s+success/);
    expect(run.stdout).not.toMatch(/model\s+success/);
    const rest = await rig.kiln("run", "model+");
    expect(rest.stdout).toMatch(/model\s+success/);
    expect(rest.stdout).toMatch(/report\s+success/);
  });

  it("pull restores the champion's outputs from the store", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    await rig.kiln("run");
    rmSync(path.join(rig.dir, "build"), { recursive: true });
    const pull = await rig.kiln("pull", "model@champion");
    expect(pull.code).toBe(0);
    expect(pull.stdout).toBe(
      `model v1: 1 of 1 output(s) restored from ${path.join(rig.dir, ".kiln/store")}\n  v1 holds the alias champion\n  build/model.json\n`,
    );
    expect(rig.read("build/model.json")).toBe('{"sum":6,"quality":50}');
    expect(existsSync(path.join(rig.dir, "build/report.txt"))).toBe(false);
    const bad = await rig.kiln("pull", "model@v9");
    expect(bad.stderr).toBe(
      "kiln: error: model has no v9 (the latest is v1)\n  hint: see `kiln history model`\n",
    );
  });

  it("unknown environments and bad options are user errors", async () => {
    const rig = new Rig({
      ...pipelineFiles(),
      "kiln.yml": `${pipelineFiles()["kiln.yml"]}environments:\n  dev: {}\n  prod: { branches: [main] }\n`,
    });
    const env = await rig.kiln("status", "--env", "prd");
    expect(env.code).toBe(1);
    expect(env.stderr).toBe(
      'kiln: error: unknown environment "prd"; the manifest defines dev, prod\n  hint: did you mean "prod"?\n',
    );
    const jobs = await rig.kiln("run", "-j", "zero");
    expect(jobs.stderr).toBe('kiln: error: --jobs must be a whole number of 1 or more, not "zero"\n');
    const now = await rig.kiln("plan", "--now", "yesterday");
    expect(now.stderr).toContain('kiln: error: --now "yesterday" is not a date');
  });

  it("report renders the latest run; plan --explain shows the condition tree", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    await rig.kiln("run");
    const md = await rig.kiln("report");
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("## Kiln report");
    expect(md.stdout).toMatch(/\| model +\| ✅ materialized \| v1 ★ champion/);
    expect(md.stdout).toContain("```mermaid\nflowchart LR");
    const json = JSON.parse((await rig.kiln("report", "--format", "json")).stdout);
    expect(json).toBeTypeOf("object");
    expect(JSON.stringify(json)).toContain('"model"');

    rig.write({ "raw/a.csv": "x\n5\n" });
    const explained = await rig.kiln("plan", "--explain", "features");
    expect(explained.code).toBe(0);
    expect(explained.stdout).toBe(
      [
        "features: runs at this local tick (" + /\(([^)]+)\)/.exec(explained.stdout)![1] + ")",
        "  dependency data is stale; automation: eager",
        "",
        "✓ eager",
        "    · status: stale",
        "    · data is planned in this run",
        "",
      ].join("\n"),
    );
  });

  it("says when stale assets are waiting for their automation, and a failing observe holds back only its dependants", async () => {
    const rig = new Rig({
      "kiln.yml":
        'version: 1\nassets:\n  model:\n    code-version: "1"\n    run: "true"\n    automation: manual\n',
    });
    rig.commit();
    const idle = await rig.kiln("run");
    expect(idle.code).toBe(0);
    expect(idle.stdout).toContain(
      "Nothing ran at this tick: model is not fresh but not due (see `kiln plan --explain model`; `kiln run model` runs it now).",
    );
    expect((await rig.kiln("run", "model")).stdout).toMatch(/model\s+success/);

    rig.write({
      "kiln.yml":
        'version: 1\nsources:\n  raw: { observe: "echo broken >&2; exit 3" }\nassets:\n  a:\n    deps: [raw]\n    code-version: "1"\n    run: "true"\n  b:\n    code-version: "1"\n    run: "true"\n',
    });
    const warning =
      'kiln: warning: source "raw": `echo broken >&2; exit 3` exited with code 3:\n  broken\n  hint: its dependants wait; run the source\'s observe command by hand to see why it fails\n';
    const broken = await rig.kiln("status");
    expect(broken.code).toBe(0);
    expect(broken.stderr).toBe(warning);
    expect(broken.stdout).toMatch(/a\s+missing\s+-\s+never materialized; source raw is unavailable/);
    // Today's run: b runs, a waits with the command's stderr (it used to abort the whole plan).
    const run = await rig.kiln("run");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(warning);
    expect(run.stdout).toMatch(/b\s+success/);
    expect(run.stdout).toContain(
      'waiting: source "raw": `echo broken >&2; exit 3` exited with code 3: broken',
    );
  });
});
