// Loading real files: the DESIGN.md example, normalization defaults, did-you-mean, cycles,
// alias bombs, and the printed output of several errors at once (a golden file).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prodBranches } from "../../src/app/environment.js";
import { describe, expect, it } from "vitest";
import { type Diagnostic, formatDiagnostics } from "../../src/manifest/diagnostics.js";
import { findManifest, loadManifest, parseManifest } from "../../src/manifest/load.js";
import type { Project } from "../../src/manifest/project.js";
import { resolveConfig, resolveEnv } from "../../src/manifest/project.js";

const fixtures = path.join(import.meta.dirname, "__fixtures__");

function parse(source: string) {
  return parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
}
function errors(source: string): Diagnostic[] {
  const result = parse(source);
  if (result.ok) throw new Error("expected the manifest to be rejected");
  return result.error;
}
function project(source: string): Project {
  const result = parse(source);
  if (!result.ok) throw new Error(formatDiagnostics(result.error));
  return result.value.project;
}

describe("the DESIGN.md example", () => {
  it("loads from disk with no errors and no warnings, and normalizes what the engine reads", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-manifest-"));
    writeFileSync(path.join(dir, "kiln.yml"), readFileSync(path.join(fixtures, "design-example.yml")));
    const result = loadManifest(path.join(dir, "kiln.yml"));
    if (!result.ok) throw new Error(formatDiagnostics(result.error));
    expect(result.value.warnings).toEqual([]);
    const p = result.value.project;
    expect(p.root).toBe(dir);
    expect([...p.sources.keys()]).toEqual(["raw_comments"]);
    expect([...p.assets.keys()]).toEqual(["comments", "model"]);
    const model = p.assets.get("model")!;
    expect(model).toMatchObject({
      deps: ["comments"],
      runsOn: ["self-hosted", "gpu"],
      timeoutMs: 30 * 60_000,
      retries: 1,
      store: "artifact",
      automation: { kind: "on_cron", cron: "0 3 * * 1", tz: "Europe/Berlin" },
      automationDeclared: true,
      promote: { alias: "champion", metric: "mae", direction: "minimize", minDelta: 0.5 },
      location: { file: expect.any(String), range: { line: 17, column: 3 } },
    });
    expect(model.checks).toEqual([
      { kind: "metric", name: "mae < 70", expression: "mae < 70", blocking: true, description: undefined },
      {
        kind: "output",
        name: "build/model.json matches schemas/model.schema.json",
        path: "build/model.json",
        jsonSchema: "schemas/model.schema.json",
        blocking: false,
        description: undefined,
      },
    ]);
    expect(resolveConfig(p, model, "dev")).toEqual({ n_estimators: 20, max_depth: 6 });
    expect(resolveConfig(p, model, "prod")).toEqual({ n_estimators: 200, max_depth: 6 });
    expect(p.assets.get("comments")).toMatchObject({
      runsOn: "ubuntu-latest",
      store: "cache",
      automation: { kind: "eager" },
    });
    expect(p.alerts).toEqual({ slack: { webhookSecret: "SLACK_WEBHOOK_URL" }, githubIssue: { labels: [] } });
  });

  it("is found from a subdirectory", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-manifest-"));
    writeFileSync(path.join(dir, "kiln.yml"), "version: 1\nassets: {}\n");
    expect(findManifest(path.join(dir))).toBe(path.join(dir, "kiln.yml"));
    expect(loadManifest(path.join(dir, "missing.yml"), { displayName: "missing.yml" })).toMatchObject({
      ok: false,
      error: [
        { reason: "manifest-unreadable", message: "file not found", location: { file: "missing.yml" } },
      ],
    });
  });
});

describe("normalization", () => {
  const base = "version: 1\nassets:\n  a:\n    run: x\n    code-version: '1'\n";

  it("applies the defaults", () => {
    const a = project(base).assets.get("a")!;
    expect(a).toMatchObject({
      runsOn: "ubuntu-latest",
      timeoutMs: 1_800_000,
      retries: 0,
      automation: { kind: "eager" },
      automationDeclared: false,
      store: "cache",
      pullRequests: true,
      retentionDays: 90,
      deps: [],
      outputs: [],
      config: {},
    });
  });

  it("takes project defaults and converts durations", () => {
    const p = project(
      `version: 1\ndefaults: { runs-on: [self-hosted], timeout: 2h, retries: 2, automation: on_missing, env: { A: "1" } }\nassets:\n  a:\n    run: x\n    code-version: '1'\n  b:\n    run: y\n    code-version: '1'\n    timeout: 90s\n    env: { B: { secret: TOKEN } }\n`,
    );
    expect(p.assets.get("a")).toMatchObject({
      runsOn: ["self-hosted"],
      timeoutMs: 7_200_000,
      retries: 2,
      automation: { kind: "on_missing" },
      automationDeclared: true,
    });
    expect(p.assets.get("b")!.timeoutMs).toBe(90_000);
    expect(resolveEnv(p, p.assets.get("b")!, "dev")).toEqual({ A: "1", B: { secret: "TOKEN" } });
  });

  it("resolves env from the most specific place: defaults, then the environment, then the asset", () => {
    const p = project(
      `version: 1\ndefaults: { env: { DATA: small, LEVEL: info, ONLY_DEFAULT: d } }\nenvironments:\n  prod: { branches: [main], env: { DATA: full, LEVEL: warn } }\nassets:\n  a:\n    run: x\n    code-version: '1'\n    env: { LEVEL: debug }\n`,
    );
    const a = p.assets.get("a")!;
    expect(resolveEnv(p, a, "prod")).toEqual({ DATA: "full", LEVEL: "debug", ONLY_DEFAULT: "d" });
    expect(resolveEnv(p, a, "dev")).toEqual({ DATA: "small", LEVEL: "debug", ONLY_DEFAULT: "d" });
  });

  it("promotes on the prod environment's branches, else main and master; stores promoted assets as artifacts", () => {
    const promoting = `${base}    metrics: { primary: auc, direction: maximize }\n    promote: {}\n`;
    expect(project(promoting).assets.get("a")).toMatchObject({
      store: "artifact",
      promote: { alias: "champion", metric: "auc", direction: "maximize", branches: undefined },
    });
    expect(prodBranches(project(promoting))).toEqual(["main", "master"]);
    const withProd = `${promoting}environments:\n  prod: { branches: [release] }\n`;
    expect(prodBranches(project(withProd))).toEqual(["release"]);
    const explicit = `${base}    metrics: { primary: auc, direction: maximize }\n    promote: { branches: [trunk] }\n    store: release\nenvironments:\n  prod: { branches: [trunk, main] }\n`;
    expect(project(explicit).assets.get("a")).toMatchObject({
      store: "release",
      promote: { branches: ["trunk"] },
    });
  });

  it("turns conditions into a tree with cron time zones defaulting to UTC", () => {
    const p = project(
      `${base}    automation: { any: [eager, { all: [{ cron: "17 3 * * *" }, { not: code_changed }] }] }\n`,
    );
    expect(p.assets.get("a")!.automation).toEqual({
      kind: "any",
      of: [
        { kind: "eager" },
        {
          kind: "all",
          of: [
            { kind: "cron", cron: "17 3 * * *", tz: "UTC" },
            { kind: "not", of: { kind: "code_changed" } },
          ],
        },
      ],
    });
  });
});

describe("environment branches (the rules of docs/concepts.md)", () => {
  const promoting =
    "version: 1\nassets:\n  model:\n    run: x\n    code-version: '1'\n    metrics: { primary: mae, direction: minimize }\n    promote: {}\n";
  const shown = (source: string) =>
    (parse(source).ok ? [] : errors(source)).map((d) => ({
      at: `${d.location.range?.line}:${d.location.range?.column}`,
      message: d.message,
      hint: d.hint,
      related: d.related?.map((r) => `${r.range?.line}:${r.range?.column} ${r.message}`),
    }));

  it("rejects an environment that takes the default branch from prod when an asset promotes", () => {
    expect(shown(`${promoting}environments:\n  production: { branches: [main] }\n`)).toEqual([
      {
        at: "9:28",
        message:
          'environment "production" takes branch "main", the default branch, so no branch selects prod and asset "model" never promotes',
        hint: 'only prod promotes: rename "production" to "prod", or list prod\'s branches under environments.prod.branches',
        related: ["7:5 promotion declared here"],
      },
    ]);
    // Without promotion nothing requires prod: any name may take main.
    expect(
      shown(
        "version: 1\nassets:\n  a:\n    run: x\n    code-version: '1'\nenvironments:\n  production: { branches: [main] }\n",
      ),
    ).toEqual([]);
    // With prod's own branches, another environment may take main.
    expect(
      shown(`${promoting}environments:\n  prod: { branches: [release] }\n  staging: { branches: [main] }\n`),
    ).toEqual([]);
  });

  it("rejects promote.branches that select another environment than prod", () => {
    expect(shown(`${promoting.replace("promote: {}", "promote: { branches: [main, develop] }")}`)).toEqual([
      {
        at: "7:33",
        message:
          'asset "model" promotes on branch "develop", but that branch selects environment "dev" and only prod promotes',
        hint: "list prod's branches under environments.prod.branches (e.g. [develop]), or remove it here",
        related: undefined,
      },
    ]);
  });

  it("rejects a branch listed by two environments", () => {
    expect(
      shown(
        "version: 1\nassets: {}\nenvironments:\n  dev: { branches: [next] }\n  staging: { branches: [next] }\n",
      ),
    ).toEqual([
      {
        at: "5:25",
        message: 'branch "next" selects both environment "dev" and "staging"',
        hint: "a branch runs in one environment: keep it under one of them",
        related: ['4:21 "dev" lists it here'],
      },
    ]);
  });
});

describe("did you mean", () => {
  const hint = (source: string) => errors(source).flatMap((d) => (d.severity === "error" ? [d.hint] : []));

  it("suggests keys from the schema at every level", () => {
    expect(hint("version: 1\nasets: {}\nassets: {}\n")).toEqual(['did you mean "assets"?']);
    expect(hint("version: 1\nassets:\n  a:\n    run: x\n    runs_on: gpu\n")).toEqual([
      'did you mean "runs-on"?',
    ]);
    expect(
      hint(
        "version: 1\nassets:\n  a:\n    run: x\n    metrics: { primary: a, direction: minimize, direction_s: {} }\n",
      ),
    ).toEqual(['did you mean "directions"?']);
    expect(
      hint(
        "version: 1\nassets:\n  a:\n    run: x\n    promote: { min_delta: 1 }\n    metrics: { primary: a, direction: minimize }\n",
      ),
    ).toEqual(['did you mean "min-delta"?']);
    expect(
      hint("version: 1\nassets:\n  a:\n    run: x\n    checks: [{ metric: a < 1, blockng: true }]\n"),
    ).toEqual(['did you mean "blocking"?']);
    expect(hint("version: 1\nalerts: { slak: {} }\nassets: {}\n")).toEqual(['did you mean "slack"?']);
  });

  it("lists the known keys when nothing is close", () => {
    expect(hint("version: 1\nenvironments:\n  dev: { zzzzzz: 1 }\nassets: {}\n")).toEqual([
      "known keys: description, branches, config, env",
    ]);
  });

  it("suggests dependencies among assets and sources", () => {
    const found = errors(
      "version: 1\nsources:\n  raw_comments: { observe: date }\nassets:\n  a:\n    deps: [raw_coments, featurs]\n    run: x\n    code-version: '1'\n  features:\n    run: y\n    code-version: '1'\n",
    );
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      ['asset "a" depends on unknown asset "raw_coments"', 'did you mean "raw_comments"?'],
      ['asset "a" depends on unknown asset "featurs"', 'did you mean "features"?'],
    ]);
  });

  it("suggests condition names, operators and store kinds", () => {
    expect(hint("version: 1\nassets:\n  a:\n    run: x\n    automation: on-missing\n")).toEqual([
      'did you mean "on_missing"?',
    ]);
    expect(hint("version: 1\nassets:\n  a:\n    run: x\n    automation: { al: [eager] }\n")).toEqual([
      'did you mean "all"?',
    ]);
    expect(
      hint("version: 1\nassets:\n  a:\n    run: x\n    automation: { not: { any: [deps_update] } }\n"),
    ).toEqual(['did you mean "deps_updated"?']);
    expect(hint("version: 1\nassets:\n  a:\n    run: x\n    store: releese\n")).toEqual([
      'did you mean "release"?',
    ]);
    expect(
      hint(
        "version: 1\nassets:\n  a:\n    run: x\n    automation: { on_cron: '0 3 * * *', tz: America/New_Yrok }\n",
      ),
    ).toEqual(['did you mean "America/New_York"?']);
  });
});

describe("cycles", () => {
  it("reports each cycle once, with its path and a note at every other edge", () => {
    const found = errors(
      [
        "version: 1",
        "assets:",
        "  a: { deps: [c], run: x, code-version: '1' }",
        "  b: { deps: [a], run: x, code-version: '1' }",
        "  c: { deps: [b], run: x, code-version: '1' }",
        "  d: { deps: [e], run: x, code-version: '1' }",
        "  e: { deps: [d, a], run: x, code-version: '1' }",
        "",
      ].join("\n"),
    );
    expect(
      found.map((d) => ({
        reason: d.reason,
        message: d.message,
        at: d.location.range?.line,
        notes: d.related?.map((r) => `${r.range?.line}:${r.range?.column} ${r.message}`),
      })),
    ).toEqual([
      {
        reason: "dependency-cycle",
        message: "dependency cycle: a → c → b → a",
        at: 3,
        notes: ["5:15 c depends on b", "4:15 b depends on a"],
      },
      {
        reason: "dependency-cycle",
        message: "dependency cycle: d → e → d",
        at: 6,
        notes: ["7:15 e depends on d"],
      },
    ]);
  });

  it("reports a self-dependency as such, not as a cycle", () => {
    expect(
      errors("version: 1\nassets:\n  a: { deps: [a], run: x, code-version: '1' }\n").map((d) => d.reason),
    ).toEqual(["self-dependency"]);
  });
});

describe("YAML hazards", () => {
  it("rejects a billion-laughs alias bomb without expanding it", () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of ["b", "c", "d", "e", "f", "g", "h", "i"].entries()) {
      const prev = String.fromCharCode("a".charCodeAt(0) + i);
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const found = errors(`${rows.join("\n")}\n`);
    expect(found).toMatchObject([
      {
        reason: "yaml-alias-bomb",
        message: "the manifest expands YAML aliases too many times (over 1000 nodes); refusing to expand it",
        location: { range: { line: 2, column: 8 } },
      },
    ]);
  });

  it("still accepts a few aliases, as anchors are used to share settings", () => {
    const p = project(
      "version: 1\nassets:\n  a: &job { run: x, code-version: '1', runs-on: [self-hosted, gpu] }\n  b: *job\n",
    );
    expect(p.assets.get("b")!.runsOn).toEqual(["self-hosted", "gpu"]);
  });

  it("points at both definitions of a duplicate key", () => {
    const [d] = errors("version: 1\nassets:\n  a: { run: x }\n  b: { run: y, run: z }\n");
    expect(d).toMatchObject({
      reason: "duplicate-key",
      message: 'duplicate key "run"',
      location: { range: { line: 4, column: 16 } },
      related: [{ message: "first defined here", range: { line: 4, column: 8 } }],
    });
  });
});

describe("printing", () => {
  it("prints several errors at once, compiler style, in file order (golden file)", async () => {
    const file = path.join(fixtures, "several-errors.yml");
    const source = readFileSync(file, "utf8");
    const result = parseManifest(source, { manifestPath: file, displayName: "kiln.yml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const printed = formatDiagnostics(result.error, { readSource: () => source });
    await expect(`${printed}\n`).toMatchFileSnapshot("__snapshots__/several-errors.txt");
  });
});
