// Table of malformed manifests: every case asserts the exact messages and where they point, so a
// change in wording or position is a visible, reviewed change.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/manifest/diagnostics.js";
import { parseManifest } from "../../src/manifest/load.js";

function diagnostics(source: string): Diagnostic[] {
  const result = parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
  return result.ok ? result.value.warnings : result.error;
}

function diagnose(source: string): string[] {
  return diagnostics(source).map(
    (d) =>
      `${d.location.range ? `${d.location.range.line}:${d.location.range.column}` : "-"} ${d.severity}: ${d.message}`,
  );
}

const MANIFEST_SRC = path.resolve(import.meta.dirname, "../../src/manifest");

/** Mistakes that need more than one manifest's text, with the test that shows each. */
const TESTED_ELSEWHERE: Record<string, string> = {
  "manifest-unreadable": "test/manifest/load.test.ts",
  "yaml-alias-bomb": "test/manifest/load.test.ts",
  "expression-in-runs-on": "test/workflow/injection.test.ts",
  "untrusted-expression": "test/workflow/injection.test.ts",
  "duplicate-project-name": "test/e2e/projects.test.ts",
  "json-schema-missing": "test/cli/validate-files.test.ts",
  "json-schema-not-restored": "test/cli/validate-files.test.ts",
  "json-schema-in-output-folder": "test/cli/validate-files.test.ts",
};

/** A valid asset, so cases only show the lines that matter. */
const ok = "    code: [a.py]\n";

const cases: [string, string, string[]][] = [
  ["empty file", "", ["1:1 error: the manifest is empty"]],
  ["only comments", "# nothing yet\n", ["1:1 error: the manifest is empty"]],
  [
    "root is a list",
    "- version: 1\n",
    ["1:1 error: the manifest must be a map of keys (version, assets, ...), not a list"],
  ],
  [
    "root is a string",
    "hello\n",
    ['1:1 error: the manifest must be a map of keys (version, assets, ...), not "hello"'],
  ],
  [
    "yaml syntax",
    "version: 1\nassets: [\n",
    ["3:1 error: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  ],
  [
    "bad indentation",
    "version: 1\nassets:\n  a:\n    run: x\n   code: [a.py]\n",
    ["5:1 error: All mapping items must start at the same column"],
  ],
  [
    "duplicate keys",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}  a:\n    run: y\n`,
    ['6:3 error: duplicate key "a"'],
  ],
  [
    "missing version",
    `assets:\n  a:\n    run: x\n${ok}`,
    ['1:1 error: missing required key "version" in the manifest'],
  ],
  ["missing assets", "version: 1\n", ['1:1 error: missing required key "assets" in the manifest']],
  [
    "missing run",
    `version: 1\nassets:\n  a:\n${ok}`,
    ['3:3 error: missing required key "run" in `assets.a`'],
  ],
  [
    "wrong version",
    `version: 2\nassets:\n  a:\n    run: x\n${ok}`,
    ["1:10 error: unsupported manifest version 2: this Kiln reads version 1"],
  ],
  [
    "the version quoted",
    `version: "1"\nassets:\n  a:\n    run: x\n${ok}`,
    ['1:10 error: the manifest version must be the number 1, not the string "1"'],
  ],
  [
    "unknown root key",
    `version: 1\nasets: {}\nassets:\n  a:\n    run: x\n${ok}`,
    ['2:1 error: unknown key "asets" in the manifest'],
  ],
  [
    "unknown asset key",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    output: [m.json]\n`,
    ['6:5 error: unknown key "output" in `assets.a`'],
  ],
  [
    "wrong type",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    deps: features\n`,
    ['6:11 error: `assets.a.deps` must be a list, not "features"'],
  ],
  [
    "retries not an integer",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    retries: 1.5\n`,
    ["6:14 error: `assets.a.retries` must be an integer, not 1.5"],
  ],
  [
    "bad duration",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    timeout: 30 minutes\n`,
    ['6:14 error: `assets.a.timeout` must be a duration such as 90s, 30m, 2h or 1d, not "30 minutes"'],
  ],
  [
    "a zero time limit in minutes",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    timeout: 0\n`,
    ["6:14 error: `assets.a.timeout` must be a duration longer than zero, not 0"],
  ],
  [
    "a zero time limit with a unit",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    timeout: 0s\n`,
    ['6:14 error: `assets.a.timeout` must be a duration longer than zero, not "0s"'],
  ],
  [
    "a zero retry delay in the defaults",
    `version: 1\ndefaults: { retry-failed: 0.0h }\nassets:\n  a:\n    run: x\n${ok}`,
    ['2:27 error: `defaults.retry-failed` must be a duration longer than zero, not "0.0h"'],
  ],
  [
    "a number below its least value",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    retention-days: 0\n`,
    ["6:21 error: `assets.a.retention-days` must be at least 1, not 0"],
  ],
  [
    "a negative margin",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: mae, direction: minimize }\n    promote: { min-delta: -1 }\n`,
    ["7:27 error: `assets.a.promote.min-delta` must be at least 0, not -1"],
  ],
  [
    "bad store",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    store: artefact\n`,
    ['6:12 error: `assets.a.store` must be "cache" or "artifact" or "release", not "artefact"'],
  ],
  [
    "unknown condition",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: eagr\n`,
    ['6:17 error: unknown automation condition "eagr"'],
  ],
  [
    "unknown nested condition",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { any: [eager, { not: stail }] }\n`,
    ['6:39 error: unknown automation condition "stail"'],
  ],
  [
    "unknown condition key",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_crn: "0 3 * * 1" }\n`,
    ['6:19 error: unknown automation condition "on_crn"'],
  ],
  [
    "condition extra key",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_cron: "0 3 * * 1", timezone: UTC }\n`,
    ['6:41 error: unknown key "timezone" in {on_cron: ...}'],
  ],
  [
    "empty all",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { all: [] }\n`,
    ["6:24 error: `all` takes a non-empty list of conditions"],
  ],
  [
    "two operators",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { all: [eager], not: manual }\n`,
    ['6:17 error: a condition map has one operator, not "all" and "not"'],
  ],
  [
    "check with no kind",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    checks:\n      - { blocking: true }\n`,
    ["7:9 error: `assets.a.checks[0]`: a check needs one of `metric`, `output` or `command`"],
  ],
  [
    "check with two kinds",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    checks:\n      - { metric: "mae < 3", command: "true" }\n`,
    [
      "7:9 error: `assets.a.checks[0]`: a check takes exactly one of `metric`, `output` or `command`, not `metric` and `command`",
    ],
  ],
  [
    "invalid asset name",
    `version: 1\nassets:\n  Model:\n    run: x\n${ok}`,
    ['3:3 error: invalid asset name "Model": names must match [a-z][a-z0-9_-]*'],
  ],
  [
    "reserved asset name",
    `version: 1\nassets:\n  kiln-plan:\n    run: x\n${ok}`,
    [
      '3:3 error: asset name "kiln-plan" is reserved: names starting with "kiln-" belong to Kiln\'s generated jobs',
    ],
  ],
  [
    "source and asset share a name",
    `version: 1\nsources:\n  raw:\n    observe: date\nassets:\n  raw:\n    run: x\n${ok}`,
    ['6:3 error: "raw" is both a source and an asset'],
  ],
  [
    "unknown dependency",
    `version: 1\nassets:\n  features:\n    run: x\n${ok}  model:\n    deps: [feature]\n    run: y\n${ok}`,
    ['7:12 error: asset "model" depends on unknown asset "feature"'],
  ],
  [
    "self dependency",
    `version: 1\nassets:\n  a:\n    deps: [a]\n    run: x\n${ok}`,
    ['4:12 error: asset "a" depends on itself'],
  ],
  [
    "dependency twice",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}  b:\n    deps: [a, a]\n    run: y\n${ok}`,
    ['7:15 error: asset "b" lists dependency "a" twice'],
  ],
  [
    "same output twice",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    outputs: [build/m.json]\n  b:\n    run: y\n${ok}    outputs: [./build/m.json]\n`,
    ['10:15 error: assets "a" and "b" both write build/m.json'],
  ],
  [
    "output inside another output",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    outputs: [build/]\n  b:\n    run: y\n${ok}    outputs: [build/m.json]\n`,
    ['10:15 error: asset "b" writes build/m.json, which overlaps build written by "a"'],
  ],
  [
    "a glob among the outputs",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    outputs: [build/model.json, "build/*.txt", "out/{a,b}.csv"]\n`,
    [
      '6:33 error: output "build/*.txt" of asset "a" is a pattern, but outputs are files or folders, named as written',
      '6:48 error: output "out/{a,b}.csv" of asset "a" is a pattern, but outputs are files or folders, named as written',
    ],
  ],
  [
    "an output named with parentheses, a plus and an at sign is a file, not a pattern",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    outputs: ["build/model (1).json", build/a+b@2!.txt]\n`,
    [],
  ],
  [
    "output is its own input",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    inputs: [data/**/*.csv]\n    outputs: [data/clean/all.csv]\n`,
    ['7:15 error: asset "a" lists its output data/clean/all.csv among its inputs'],
  ],
  [
    "six-field cron",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_cron: "0 0 3 * * 1" }\n`,
    [
      '6:28 error: cron expression "0 0 3 * * 1" has 6 fields; GitHub schedules take five (minute hour day month weekday)',
    ],
  ],
  [
    "cron nickname",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_cron: "@daily" }\n`,
    ['6:28 error: cron nickname "@daily" is not supported by GitHub schedules'],
  ],
  [
    "cron out of range",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_cron: "0 25 * * *" }\n`,
    ['6:28 error: invalid cron expression "0 25 * * *": Invalid value for hour: 25'],
  ],
  [
    "quartz cron extension",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_cron: "0 3 L * *" }\n`,
    ['6:28 error: cron expression "0 3 L * *" uses "L", which GitHub schedules do not support'],
  ],
  [
    "unknown time zone",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_cron: "0 3 * * 1", tz: Europe/Berlim }\n`,
    ['6:45 error: unknown time zone "Europe/Berlim"'],
  ],
  [
    "cron nested in defaults",
    `version: 1\ndefaults:\n  automation: { any: [eager, { cron: "61 * * * *" }] }\nassets:\n  a:\n    run: x\n${ok}`,
    ['3:38 error: invalid cron expression "61 * * * *": Invalid value for minute: 61'],
  ],
  [
    "metric check syntax",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    checks:\n      - metric: mae less than 70\n`,
    ['7:17 error: metric check "mae less than 70" of asset "a" is not NAME OP NUMBER'],
  ],
  [
    "a metric check on a name with an operator's character",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    checks:\n      - metric: "a!b < 1"\n      - metric: "a=b < 1"\n`,
    [
      '7:17 error: metric check "a!b < 1" of asset "a" is not NAME OP NUMBER',
      '8:17 error: metric check "a=b < 1" of asset "a" is not NAME OP NUMBER',
    ],
  ],
  [
    "a metric name no check can read",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: "loss<val", direction: minimize, directions: { " r2": maximize } }\n    promote: { metric: "a == b" }\n`,
    [
      '6:25 error: metric name "loss<val" of asset "a" holds <, >, = or !, which a metric check reads as its comparison',
      '6:72 error: metric name " r2" of asset "a" starts or ends with a space',
      '7:24 error: metric name "a == b" of asset "a" holds <, >, = or !, which a metric check reads as its comparison',
    ],
  ],
  [
    "metric names as steps report them",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: val/loss, direction: minimize, directions: { ndcg@10: maximize, top 5 acc: maximize } }\n    promote: { metric: ndcg@10 }\n    checks:\n      - metric: "val/loss < 1"\n      - metric: ndcg@10 > 0.5\n      - metric: top 5 acc >= .9\n`,
    [],
  ],
  [
    "an alias that reads as a version",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: mae, direction: minimize }\n    promote: { alias: v2 }\n`,
    [
      '7:23 error: alias "v2" of asset "a" reads as a version: a@v2 means v2, so no reference could name this alias',
    ],
  ],
  [
    "promote without metrics",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    promote: { min-delta: 1 }\n`,
    [
      '6:5 error: asset "a" has `promote` but no `metrics`: promotion compares a metric and needs its direction',
    ],
  ],
  [
    "environment configures unknown asset",
    `version: 1\nassets:\n  model:\n    run: x\n${ok}environments:\n  dev:\n    config: { modle: { n: 1 } }\n`,
    ['8:15 error: environment "dev" configures unknown asset "modle"'],
  ],
  [
    "environment overrides a config key the asset does not have",
    `version: 1\nassets:\n  model:\n    run: x\n${ok}    config: { epochs: 60, optimizer: { lr: 0.1 } }\nenvironments:\n  dev:\n    config: { model: { epoch: 20, optimizer: { rate: 1 }, seed: 3 } }\n`,
    [
      '9:24 error: environment "dev" overrides config.epoch of asset "model", which its config does not have',
      '9:48 error: environment "dev" overrides config.optimizer.rate of asset "model", which its config does not have',
      '9:59 error: environment "dev" overrides config.seed of asset "model", which its config does not have',
    ],
  ],
  [
    "schema and graph problems in one run",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    dpes: [b]\n    deps: [b, nope]\n  b:\n    run: y\n${ok}    deps: [a]\n`,
    [
      '6:5 error: unknown key "dpes" in `assets.a`',
      "7:12 error: dependency cycle: a → b → a",
      '7:15 error: asset "a" depends on unknown asset "nope"',
    ],
  ],
  [
    "invalid environment name",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}environments:\n  Prod: {}\n`,
    ['7:3 error: invalid name "Prod" in `environments`: names must match [a-z][a-z0-9_-]*'],
  ],
  [
    "reserved env var",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    env: { KILN_ASSET: b }\n`,
    ['6:12 error: environment variable "KILN_ASSET" is reserved: Kiln sets the KILN_* variables itself'],
  ],
  [
    "setup step without uses or run",
    `version: 1\nsetup:\n  - name: nothing\nassets:\n  a:\n    run: x\n${ok}`,
    ["3:5 error: a setup step needs `uses` or `run`"],
  ],
  [
    "setup step with uses and run",
    `version: 1\nsetup:\n  - { uses: actions/checkout@v4, run: ls }\nassets:\n  a:\n    run: x\n${ok}`,
    ["3:5 error: a setup step takes `uses` or `run`, not both"],
  ],
  [
    "several YAML documents",
    "version: 1\n---\nversion: 1\n",
    ["2:1 error: the manifest holds several YAML documents (separated by ---); kiln.yml is one document"],
  ],
  ["assets is a list", "version: 1\nassets: []\n", ["2:9 error: `assets` must be a map, not a list"]],
  [
    "empty run",
    `version: 1\nassets:\n  a:\n    run: ""\n${ok}`,
    ["4:10 error: `assets.a.run` must not be empty"],
  ],
  [
    "retries too high",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    retries: 11\n`,
    ["6:14 error: `assets.a.retries` must be at most 10, not 11"],
  ],
  [
    "empty runs-on",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    runs-on: []\n`,
    ["6:14 error: `assets.a.runs-on` must not be empty"],
  ],
  [
    "github-issue wrong shape",
    `version: 1\nalerts: { github-issue: yes please }\nassets:\n  a:\n    run: x\n${ok}`,
    ['2:25 error: `alerts.github-issue` must be true, false or {labels: [...]}, not "yes please"'],
  ],
  [
    "env value a list",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    env: { A: [1, 2] }\n`,
    ["6:15 error: `assets.a.env.A` must be a string, number, boolean or {secret: NAME}, not a list"],
  ],
  [
    "env name invalid",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    env: { bad-name: x }\n`,
    [
      '6:12 error: invalid environment variable name "bad-name" in `assets.a.env`: names must match [A-Za-z_][A-Za-z0-9_]*',
    ],
  ],
  [
    "reserved env var in defaults",
    `version: 1\ndefaults: { env: { KILN_ENV: x } }\nassets:\n  a:\n    run: x\n${ok}`,
    ['2:20 error: environment variable "KILN_ENV" is reserved: Kiln sets the KILN_* variables itself'],
  ],
  [
    "seven-field cron",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { cron: "0 0 3 * * 1 2026" }\n`,
    [
      '6:25 error: cron expression "0 0 3 * * 1 2026" has 7 fields; GitHub schedules take five (minute hour day month weekday)',
    ],
  ],
  [
    "condition is a number",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: 5\n`,
    ["6:17 error: an automation condition must be a name or a map, not 5"],
  ],
  [
    "cron is a number",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    automation: { on_cron: 5 }\n`,
    ['6:28 error: `on_cron` takes a cron expression such as "0 3 * * 1"'],
  ],
  [
    "source without observe or inputs",
    `version: 1\nsources:\n  raw: { description: nothing }\nassets:\n  a:\n    run: x\n${ok}`,
    [
      "3:8 error: `sources.raw`: a source needs `observe` (a command printing its version) or `inputs` (files)",
    ],
  ],
  [
    "json-schema without output",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    checks: [{ command: "true", json-schema: s.json }]\n`,
    ["6:46 error: `assets.a.checks[0].json-schema`: `json-schema` goes with `output`"],
  ],
  [
    "invalid group",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    group: Training\n`,
    [
      "6:12 error: `assets.a.group` must match [a-z][a-z0-9_-]* (lower case, digits, '_' and '-'), not \"Training\"",
    ],
  ],
  [
    "alias dependency on a source",
    `version: 1\nsources:\n  raw: { inputs: [raw.csv] }\nassets:\n  a:\n    run: x\n${ok}    deps: [raw@champion]\n`,
    [
      '8:12 error: asset "a" depends on raw@champion, but "raw" is a source: sources are observed, they have no versions or aliases',
    ],
  ],
  [
    "alias dependency on an asset that never promotes",
    `version: 1\nassets:\n  m:\n    run: x\n${ok}  a:\n    run: x\n${ok}    deps: [m@champion]\n`,
    [
      '9:12 error: asset "a" depends on m@champion, but "m" has no `promote`, so no version of it ever holds an alias',
    ],
  ],
  [
    "alias the dependency never moves",
    `version: 1\nassets:\n  m:\n    run: x\n${ok}    metrics: { primary: mae, direction: minimize }\n    promote: { alias: champion }\n  a:\n    run: x\n${ok}    deps: [m@best]\n`,
    ['11:12 error: asset "a" depends on m@best, but "m" has no alias "best": its `promote` moves "champion"'],
  ],
  [
    "branch in two environments",
    `version: 1\nenvironments:\n  prod: { branches: [main] }\n  staging: { branches: [main] }\nassets:\n  a:\n    run: x\n${ok}`,
    ['4:25 error: branch "main" selects both environment "prod" and "staging"'],
  ],
  [
    "another environment takes prod's default branch",
    `version: 1\nenvironments:\n  staging: { branches: [main] }\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: mae, direction: minimize }\n    promote: { alias: champion }\n`,
    [
      '3:25 error: environment "staging" takes branch "main", the default branch, so no branch selects prod and asset "a" never promotes',
    ],
  ],
  [
    "promotes on a branch that is not prod's",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: mae, direction: minimize }\n    promote: { alias: champion, branches: [release] }\n`,
    [
      '7:44 error: asset "a" promotes on branch "release", but that branch selects environment "dev" and only prod promotes',
    ],
  ],
  [
    "gives the primary metric two directions",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: mae, direction: minimize, directions: { mae: maximize, r2: maximize } }\n    promote: {}\n`,
    [
      '6:70 error: asset "a" gives its primary metric mae two directions: `direction: minimize` and `directions: { mae: maximize }`',
    ],
  ],
  [
    "promotes on a metric with no direction",
    `version: 1\nassets:\n  a:\n    run: x\n${ok}    metrics: { primary: mae, direction: minimize }\n    promote: { metric: accuracy }\n`,
    [
      '7:24 error: asset "a" promotes on metric "accuracy", which has no direction: the primary metric mae is minimized, and accuracy\'s direction is not given',
    ],
  ],
  [
    "a branch pattern where branch names go",
    `version: 1\nenvironments:\n  prod: { branches: [main, "release/*"] }\nassets:\n  a:\n    run: x\n${ok}`,
    [
      '3:28 error: branch "release/*" of environment "prod" is a pattern, but environments and promotion select branches by their exact names, so no branch would select it',
    ],
  ],
  [
    "a branch name with a space",
    `version: 1\nenvironments:\n  prod: { branches: ["release 2"] }\nassets:\n  a:\n    run: x\n${ok}`,
    [
      '3:22 error: branch "release 2" of environment "prod" holds a space or a control character, which git allows in no branch name, so no branch would select it',
    ],
  ],
  [
    "no code version (warning)",
    "version: 1\nassets:\n  a:\n    run: python a.py\n",
    [
      '3:3 warning: asset "a" lists no `code` files and no `code-version`: changes to its script will not make it stale',
    ],
  ],
];

describe("malformed manifests", () => {
  it.each(cases)("%s", (_name, source, expected) => {
    expect(diagnose(source)).toEqual(expected);
  });

  it("has a case for every kind of mistake the manifest checks report", () => {
    // Every `reason` written in src/manifest, as `reason: "x"` or as the first argument of a call.
    const declared = new Set<string>();
    for (const file of readdirSync(MANIFEST_SRC)) {
      const text = readFileSync(path.join(MANIFEST_SRC, file), "utf8");
      for (const m of text.matchAll(/(?:reason: |[A-Za-z]\(\s*)"([a-z]+(?:-[a-z0-9]+)+)"/g))
        declared.add(m[1]!);
    }
    const seen = new Set(cases.flatMap(([, source]) => diagnostics(source).map((d) => d.reason)));
    const missing = [...declared].filter((reason) => !seen.has(reason) && !(reason in TESTED_ELSEWHERE));
    expect(missing).toEqual([]);
  });
});
