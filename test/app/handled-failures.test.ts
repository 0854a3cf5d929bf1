// Handled, as in Dagster: a failure at a logical version is not retried by later ticks until
// something changes, the asset is selected, or its retry-failed policy says the next try is due.
import { describe, expect, it } from "vitest";
import { explain } from "../../src/automation/explain.js";
import { TickWorld } from "./tick-world.js";

const manifest = (extra = "") => `version: 1
assets:
  data:
    run: "node steps/data.mjs"
    inputs: [raw/*.csv]
    outputs: [data/rows.txt]
  model:
    run: "node steps/model.mjs"
    code: [steps/model.mjs]
    deps: [data]
    outputs: [data/model.txt]
${extra}`;

const files = (extra = "") => ({
  "kiln.yml": manifest(extra),
  "raw/a.csv": "x\n1\n",
  // Counts the rows: a new comment line in the CSV changes the input but not the bytes written.
  "steps/data.mjs":
    'import { mkdirSync, readFileSync, writeFileSync } from "node:fs";\nmkdirSync("data", { recursive: true });\nconst rows = readFileSync("raw/a.csv", "utf8").split("\\n").filter((l) => l && !l.startsWith("#")).length;\nwriteFileSync("data/rows.txt", String(rows));\n',
  "steps/model.mjs":
    'import { readFileSync, writeFileSync } from "node:fs";\nconst rows = Number(readFileSync("data/rows.txt", "utf8"));\nif (rows < 3) { console.error(`only ${rows} rows`); process.exit(3); }\nwriteFileSync("data/model.txt", "ok");\n',
});

const outcomes = (result: Awaited<ReturnType<TickWorld["run"]>>) =>
  Object.fromEntries([...result.execution.outcomes].map(([name, o]) => [name, o.outcome]));

describe("a failure is handled", () => {
  it("is not retried by later ticks until its inputs change or it is selected", async () => {
    const world = new TickWorld(files());
    const first = await world.run("2026-11-23T10:00:00Z", "push");
    expect(outcomes(first)).toEqual({ data: "success", model: "failed" });

    // A later push with nothing changed: the plan says why, and the run does not retry.
    const plan = await world.plan("2026-11-23T11:00:00Z", "push");
    expect(plan.assets.get("model")).toMatchObject({ run: false });
    expect(plan.assets.get("model")!.reasons).toEqual([
      "model failed at this version on 2026-11-23T10:00Z (`node steps/model.mjs` exited with code 3); not retried automatically — `kiln run model` retries",
    ]);
    expect(explain(plan.assets.get("model")!.evaluation!)).toContain(
      "failed at this version on 2026-11-23T10:00Z: handled, not retried",
    );
    expect(outcomes(await world.run("2026-11-23T11:00:00Z", "push"))).toEqual({});

    // data changes its input but writes the same bytes: model is at the failed version again, and
    // the run finds that out only once data ran (early cutoff), then leaves it alone.
    world.write({ "raw/a.csv": "# a comment\nx\n1\n" });
    const sameBytes = await world.run("2026-11-23T12:00:00Z", "push");
    expect(outcomes(sameBytes)).toEqual({ data: "success", model: "skipped" });
    expect(sameBytes.execution.outcomes.get("model")!.detail).toMatch(
      /^model failed at this version on 2026-11-23T10:00Z .*; not retried automatically — `kiln run model` retries$/,
    );

    // Selected explicitly: a request, retried (and it fails again).
    expect(outcomes(await world.run("2026-11-23T13:00:00Z", "local", ["model"]))).toEqual({
      model: "failed",
    });
    // New data: something changed, so the next tick retries, and it succeeds.
    world.write({ "raw/a.csv": "x\n1\n2\n3\n" });
    expect(outcomes(await world.run("2026-11-23T14:00:00Z", "push"))).toEqual({
      data: "success",
      model: "success",
    });
  }, 300_000);

  it("deps_updated and code_changed count from the last handled attempt, shown by --explain", async () => {
    const world = new TickWorld({
      ...files("    automation: { any: [missing, { all: [stale, { not: deps_updated }] }] }\n"),
      "raw/a.csv": "x\n1\n2\n",
    });
    expect(outcomes(await world.run("2026-11-23T10:00:00Z", "push"))).toEqual({
      data: "success",
      model: "success",
    });
    // New data: model's dependency updated since it last handled anything, so the composition
    // ("stale, but not because of new data") holds it back.
    world.write({ "raw/a.csv": "x\n1\n" });
    expect(outcomes(await world.run("2026-11-23T11:00:00Z", "push"))).toEqual({ data: "success" });
    const held = explain((await world.plan("2026-11-23T11:30:00Z", "push")).assets.get("model")!.evaluation!);
    expect(held).toContain("      · data has a new data version");
    expect(held).toContain("      · since last handled: materialized v1 2026-11-23T10:00Z");
    // Selected: it runs at the new data and fails. That attempt is the new since-point: the data
    // update is handled, and so is the failure.
    expect(outcomes(await world.run("2026-11-23T12:00:00Z", "local", ["model"]))).toEqual({
      model: "failed",
    });
    const handled = explain(
      (await world.plan("2026-11-23T12:30:00Z", "push")).assets.get("model")!.evaluation!,
    );
    expect(handled).toContain("✗ deps_updated");
    expect(handled).toContain("      · no dependency updated");
    expect(handled).toContain("      · since last handled: failed 2026-11-23T12:00Z");
    expect(handled).toContain("failed at this version on 2026-11-23T12:00Z: handled, not retried");
    // A code change since that failure: stale, and not because of new data, so it runs.
    world.write({ "steps/model.mjs": `// tuned\n${files()["steps/model.mjs"]}` });
    const changed = (await world.plan("2026-11-23T13:00:00Z", "push")).assets.get("model")!;
    expect(changed.run).toBe(true);
    expect(explain(changed.evaluation!)).toContain("    ✓ stale");
    expect(outcomes(await world.run("2026-11-23T13:00:00Z", "push"))).toEqual({ model: "failed" });
  }, 300_000);

  it("retry-failed retries automatically, with backoff", async () => {
    const world = new TickWorld(files("    retry-failed: 6h\n"));
    expect(outcomes(await world.run("2026-11-23T00:00:00Z", "push"))).toEqual({
      data: "success",
      model: "failed",
    });
    expect(await world.planned("2026-11-23T05:59:00Z", "push")).toEqual([]);
    expect((await world.plan("2026-11-23T05:59:00Z", "push")).assets.get("model")!.reasons[0]).toContain(
      "retry-failed retries it after 2026-11-23T06:00",
    );
    // Six hours after the first failure: retried, fails again; the next wait is twelve hours.
    expect(outcomes(await world.run("2026-11-23T06:01:00Z", "push"))).toEqual({ model: "failed" });
    expect(await world.planned("2026-11-23T18:00:00Z", "push")).toEqual([]);
    expect(await world.planned("2026-11-23T18:02:00Z", "push")).toEqual(["model"]);
  }, 300_000);
});

describe("whose failures hold an asset back", () => {
  const secretManifest = `version: 1
environments:
  prod:
    env: { TOKEN: { secret: MYTOKEN } }
assets:
  model:
    run: "node steps/model.mjs"
    code: [steps/model.mjs]
    outputs: [out/model.txt]
`;
  // No environment differs: dev and prod work out the same versions.
  const plainManifest = secretManifest.replace(/^environments:\n.*\n.*\n/m, "");
  const step = (text: string) =>
    `import { mkdirSync, writeFileSync } from "node:fs";\nif (process.env.BREAK) process.exit(3);\nmkdirSync("out", { recursive: true });\nwriteFileSync("out/model.txt", ${JSON.stringify(text)});\n`;

  it("a pull request's failure does not hold back the same code merged into main", async () => {
    const world = new TickWorld({ "kiln.yml": secretManifest, "steps/model.mjs": step("one") });
    const secret = { env: { MYTOKEN: "x" } };
    expect(outcomes(await world.run("2026-11-23T10:00:00Z", "push", [], false, secret))).toEqual({
      model: "success",
    });
    // A pull request changes the step; prod's secret is withheld from pull requests, so it fails.
    world.git("checkout", "-q", "-b", "feat");
    world.write({ "steps/model.mjs": step("two") });
    world.commit();
    const pr = await world.run("2026-11-23T11:00:00Z", "pull_request", [], false, { base: "main" });
    expect(outcomes(pr)).toEqual({ model: "failed" });
    // Merged as it is: main has the secret and trains the new code.
    world.git("checkout", "-q", "main");
    world.git("merge", "-q", "--ff-only", "feat");
    const merged = await world.run("2026-11-23T12:00:00Z", "push", [], false, secret);
    expect(outcomes(merged)).toEqual({ model: "success" });
    expect(world.read("out/model.txt")).toBe("two");
  }, 300_000);

  it("a branch's failure in prod's environment does not hold back main once a merge brings its commit in", async () => {
    const world = new TickWorld({ "kiln.yml": secretManifest, "steps/model.mjs": step("one") });
    const secret = { env: { MYTOKEN: "x" } };
    await world.run("2026-11-23T10:00:00Z", "push", [], false, secret);
    // On a branch someone tries prod's config (`kiln run --env prod`) without prod's secret.
    world.git("checkout", "-q", "-b", "feature/x");
    world.write({ "steps/model.mjs": step("two") });
    world.commit();
    const tried = await world.run("2026-11-23T11:00:00Z", "push", [], false, { environment: "prod" });
    expect(outcomes(tried)).toEqual({ model: "failed" });
    // On the branch, in prod, that failure is handled: not retried at every tick.
    const again = await world.run("2026-11-23T11:30:00Z", "push", [], false, { environment: "prod" });
    expect(outcomes(again)).toEqual({});
    // Merged into main with a merge commit: the failed commit is now an ancestor of main's HEAD,
    // yet main (which has the secret) trains the merged code.
    world.git("checkout", "-q", "main");
    world.git("merge", "-q", "--no-ff", "--no-edit", "feature/x");
    const plan = await world.plan("2026-11-23T12:00:00Z", "push");
    expect(plan.assets.get("model")!.reasons.join("\n")).not.toContain("failed");
    const merged = await world.run("2026-11-23T12:00:00Z", "push", [], false, secret);
    expect(outcomes(merged)).toEqual({ model: "success" });
    expect(world.read("out/model.txt")).toBe("two");
  }, 300_000);

  it("a failure on another line of history does not hold back main, nor say main's last run failed", async () => {
    const world = new TickWorld({ "kiln.yml": plainManifest, "steps/model.mjs": step("one") });
    const secret = { env: { MYTOKEN: "x" } };
    await world.run("2026-11-23T10:00:00Z", "push", [], false, secret);
    world.git("checkout", "-q", "-b", "feat");
    world.write({ "steps/model.mjs": step("two") });
    world.commit();
    // Pushed to a branch, the step fails there (BREAK is no input: the version is main's to come).
    const failed = await world.run("2026-11-23T11:00:00Z", "push", [], false, { env: { BREAK: "1" } });
    expect(outcomes(failed)).toEqual({ model: "failed" });
    // Main gets the same change by a commit of its own (a squash merge): not the failed commit.
    world.git("checkout", "-q", "main");
    world.write({ "steps/model.mjs": step("two") });
    world.commit();
    const plan = await world.plan("2026-11-23T12:00:00Z", "push");
    expect(plan.assets.get("model")).toMatchObject({ run: true });
    expect(plan.assets.get("model")!.reasons.join("\n")).not.toContain("failed");
  }, 300_000);
});
