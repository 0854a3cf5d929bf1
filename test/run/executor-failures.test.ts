// Failures the executor decides itself, before or around a step: a dependency it cannot read (never
// built, a source whose observe fails, an alias naming no version) and an error of Kiln's own. They
// are recorded as a step's failure is (`failures/<asset>/…`), so `kiln history`, `kiln show`, the
// site and alerts see them, not only the run's outcome; and, since no logical version was known,
// such a record holds back no retry once the dependency is there (the handled-failure rule).
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineRepo, ledgerOf, runEngine } from "../support/engine-run.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

const AB = `version: 1
assets:
  a:
    run: 'mkdir -p build && echo a > build/a.txt'
    outputs: [build/a.txt]
  b:
    deps: [a]
    run: 'mkdir -p build && cat build/a.txt > build/b.txt'
    outputs: [build/b.txt]
`;

describe("failures the executor decides", () => {
  it("a dependency never built: the failure is recorded, `kiln history` shows it, and b runs once a exists", async () => {
    const dir = engineRepo(AB);
    // An asset job told to run b (the plan job decided it) while a was never built.
    const job = await runEngine(dir, {
      decided: new Map([["b", { request: true, reason: "selected" }]]),
      now: new Date("2026-11-02T10:00:00Z"),
    });
    const detail = "dependency a has never been materialized: run `kiln run +b` to build it first";
    expect(job.outcome("b")).toMatchObject({ outcome: "failed", detail });
    const { records, failures } = await ledgerOf(job.workspace, "b");
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      asset: "b",
      status: "failed",
      error: detail,
      logTail: [],
      attempts: 0,
      reasons: ["selected", "never materialized"],
      context: { event: "local", environment: "prod", ref: "main" },
    });
    // Stamped by the tick's clock, as every record of the run is.
    expect(failures[0]!.startedAt).toMatch(/^2026-11-02T10:00:/);
    // No version of b could be computed: the record names none and no dependency of b.
    expect(failures[0]!.logicalVersion).toBe("");
    expect(failures[0]!.provenance.deps).toEqual({});
    expect(failures[0]!.provenance.runHash).toMatch(/^[0-9a-f]{64}$/);
    expect(job.outcome("b")!.failure).toEqual(failures[0]);

    const history = await kilnIn(dir, ["history", "b"]);
    expect(history.code).toBe(0);
    // Before, b "had never been materialized"; now the attempt is a row of its own.
    expect(history.output).toMatch(/ {2}2026-11-02 10:00:\d\d +failed +prod +main /);
    // …and the reason follows the table, not only in --json.
    expect(history.output).toMatch(
      /\n {2}2026-11-02 10:00:\d\d failed: dependency a has never been materialized: run `kiln run \+b` to build it first\n/,
    );
    const json = JSON.parse((await kilnIn(dir, ["history", "b", "--json"])).stdout);
    expect(json.failures).toMatchObject([{ status: "failed", error: detail }]);

    // The recorded failure handles nothing that a's arrival changes: the next run builds a, then b.
    const next = await runEngine(dir);
    expect(next.outcome("a")).toMatchObject({ outcome: "success", detail: "v1" });
    expect(next.outcome("b")).toMatchObject({ outcome: "success", detail: "v1" });
  });

  it("a source whose observe fails: the dependant's failure is recorded and it runs once the source is back", async () => {
    const dir = engineRepo(
      `version: 1
sources:
  feed: { observe: "cat feed-version" }
assets:
  pulled:
    deps: [feed]
    run: 'mkdir -p build && cat feed-version > build/pulled.txt'
    outputs: [build/pulled.txt]
`,
      { "feed-version": "v1\n" },
    );
    writeFileSync(path.join(dir, "feed-version"), ""); // observe now prints nothing: unavailable
    const job = await runEngine(dir, {
      decided: new Map([["pulled", { request: true, reason: "selected" }]]),
    });
    const detail = "source feed is unavailable: its observe command failed (see `kiln status`)";
    expect(job.outcome("pulled")).toMatchObject({ outcome: "failed", detail });
    const { failures } = await ledgerOf(job.workspace, "pulled");
    expect(failures.map((f) => [f.error, f.logicalVersion, f.provenance.deps])).toEqual([[detail, "", {}]]);

    writeFileSync(path.join(dir, "feed-version"), "v2\n");
    const next = await runEngine(dir);
    expect(next.outcome("pulled")).toMatchObject({ outcome: "success", detail: "v1" });
    expect((await ledgerOf(next.workspace, "pulled")).records[0]!.provenance.deps.feed).toBeDefined();
  });

  it("an alias dependency naming no version: recorded, and the dependant runs once a version is promoted", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p build && echo m > build/model.txt && echo "{\\"mae\\": 9}" > "$KILN_METRICS"'
    outputs: [build/model.txt]
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion, threshold: 5 }
  serve:
    deps: [model@champion]
    run: 'mkdir -p build && cat build/model.txt > build/serve.txt'
    outputs: [build/serve.txt]
`);
    // model fails its threshold, so nothing holds champion when serve's turn comes in this run.
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({ outcome: "success", detail: "v1" });
    const detail =
      "dependency model has no champion yet: promote a version of model (`kiln promote model vN`) or let a better one win";
    expect(run.outcome("serve")).toMatchObject({ outcome: "failed", detail });
    const { failures } = await ledgerOf(run.workspace, "serve");
    expect(failures.map((f) => [f.error, f.logicalVersion, f.provenance.deps])).toEqual([[detail, "", {}]]);

    const promoted = await kilnIn(dir, ["promote", "model", "v1"]);
    expect(promoted.code).toBe(0);
    const next = await runEngine(dir);
    expect(next.outcome("serve")).toMatchObject({ outcome: "success", detail: "v1" });
  });

  it("an error of Kiln's own before the step (the lock folder cannot be made) is recorded at the asset's version", async () => {
    const dir = engineRepo(AB);
    mkdirSync(path.join(dir, ".kiln"), { recursive: true });
    writeFileSync(path.join(dir, ".kiln/locks"), "not a folder");
    const run = await runEngine(dir, { selection: ["a"] });
    const failed = run.outcome("a")!;
    expect(failed.outcome).toBe("failed");
    expect(failed.detail).toContain(path.join(dir, ".kiln/locks"));
    const { records, failures } = await ledgerOf(run.workspace, "a");
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ status: "failed", error: failed.detail, attempts: 0 });
    // The version it was to run at was known: the failure is at it, as a failed step's would be.
    expect(failures[0]!.logicalVersion).toBe(run.result.assessment.assets.get("a")!.logicalVersion);
    expect(failed.failure).toEqual(failures[0]);
  });

  it("an error after the version was recorded (a damaged alias history) leaves the version and no failure record", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p build && echo m > build/model.txt && echo "{\\"mae\\": 3}" > "$KILN_METRICS"'
    outputs: [build/model.txt]
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion }
`);
    const first = await runEngine(dir);
    expect(first.outcome("model")).toMatchObject({ outcome: "success", detail: "v1; champion → v1" });
    // A line cut short, as a hand edit or an interrupted copy leaves it.
    const aliases = path.join(
      dir,
      ".kiln/ledger/projects",
      first.workspace.project.name,
      "aliases/model.jsonl",
    );
    appendFileSync(aliases, '{"alias": "champ');
    gitIn(dir, "commit", "-q", "--allow-empty", "-m", "next");
    const run = await runEngine(dir, { selection: ["model"] });
    const failed = run.outcome("model")!;
    expect(failed.outcome).toBe("failed");
    expect(failed.detail).toMatch(
      /^v2 was recorded, but champion of model was not moved: the alias history is damaged/,
    );
    const { records, failures } = await ledgerOf(run.workspace, "model");
    expect(records.map((r) => r.version)).toEqual([1, 2]);
    expect(failures).toEqual([]);

    // A run that may not promote (a dev branch) is not failed by prod's alias history: it never
    // moves the alias, and its record says why it did not promote.
    gitIn(dir, "checkout", "-q", "-b", "feature/x");
    const dev = await runEngine(dir, { selection: ["model"] });
    expect(dev.outcome("model")).toMatchObject({ outcome: "success" });
    const v3 = (await ledgerOf(dev.workspace, "model")).records.at(-1)!;
    expect(v3.version).toBe(3);
    expect(v3.promotion).toMatchObject({ promote: false, blocked: true });
    expect(v3.promotion?.reason).toMatch(/^only prod promotes; this run is in dev/);
  });
});
