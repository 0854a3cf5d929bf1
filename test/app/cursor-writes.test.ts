// Two runs of one scope that commit their cursors at the same time (two `kiln run`s of different
// assets in one workspace, two `command: run` jobs of a workflow, a plan job beside them) each
// change only what their own run decided: neither puts back the entries the other just moved.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planWorkspace } from "../../src/app/pipeline.js";
import { cursorScope } from "../../src/app/workspace.js";
import type { TickEvent } from "../../src/automation/tick.js";
import { TickWorld } from "./tick-world.js";

const TICK = "2026-11-23T03:20:00.000Z";
const LATER = "2026-11-23T05:00:00.000Z";
const CRON = "on_cron:17 3 * * *@UTC";

function world(ledger: "local" | "branch"): TickWorld {
  const made = new TickWorld({
    "kiln.yml": [
      "version: 1",
      "assets:",
      ...["a", "b"].flatMap((name) => [
        `  ${name}:`,
        `    run: "node -e 0"`,
        `    outputs: [data/${name}.txt]`,
        '    automation: { on_cron: "17 3 * * *" }',
      ]),
      "",
    ].join("\n"),
  });
  return ledger === "branch" ? made.withRemote() : made;
}

/** A plan of `world` at `now`, as a workflow run `runId`'s job makes it (or a local run without). */
async function plan(world: TickWorld, now: string, runId?: string, event: TickEvent = "schedule") {
  const planned = await planWorkspace(await world.workspace(event), {
    selection: [],
    force: false,
    tick: { event, now: new Date(now) },
    env: runId ? { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: "1" } : {},
  });
  if (!planned.ok) throw new Error(planned.error);
  return planned.plan;
}

async function cursor(world: TickWorld) {
  const workspace = await world.workspace("schedule");
  return workspace.ledger.readCursor(cursorScope(workspace));
}

describe.each(["local", "branch"] as const)("cursor writes on the %s ledger", (ledger) => {
  it("two runs that read the same cursor each keep the other's handled tick", async () => {
    const w = world(ledger);
    // Both runs plan the 03:17 tick from the same (empty) cursor; each carries out one asset.
    const first = await plan(w, TICK);
    const second = await plan(w, TICK);
    expect([...first.assets].filter(([, e]) => e.run).map(([n]) => n)).toEqual(["a", "b"]);
    // At the same time: on the branch one push loses and its write is made again on the new tip.
    await Promise.all([first.commit(new Set(["a"])), second.commit(new Set(["b"]))]);

    const after = await cursor(w);
    expect(after?.assets).toEqual({ a: { [CRON]: TICK }, b: { [CRON]: TICK } });
    expect(after?.requests).toBeUndefined();
    // Neither tick comes back: a later tick of the same day has nothing to do.
    expect([...(await plan(w, LATER)).assets].filter(([, e]) => e.run)).toEqual([]);
  }, 120_000);

  it("a cursor an earlier Kiln kept for the branch is read, and the first write carries its entries over", async () => {
    const w = world(ledger);
    // Before cursors were kept per environment, main's runs wrote the cursor of scope "main".
    await (await w.workspace("schedule")).ledger.updateCursor({
      scope: { name: "main" },
      entries: { a: { [CRON]: { at: TICK } }, b: { [CRON]: { at: TICK } } },
      sources: {},
      updatedAt: TICK,
    });
    expect((await cursor(w))?.assets).toEqual({ a: { [CRON]: TICK }, b: { [CRON]: TICK } });
    expect([...(await plan(w, LATER)).assets].filter(([, e]) => e.run)).toEqual([]);
    // The next day's tick: one run carries out a only; b's entry comes along into prod's cursor.
    const NEXT = "2026-11-24T03:20:00.000Z";
    await (await plan(w, NEXT)).commit(new Set(["a"]));
    const after = await cursor(w);
    expect(after?.scope).toBe("prod:main");
    expect(after?.assets).toEqual({ a: { [CRON]: NEXT }, b: { [CRON]: TICK } });
  }, 120_000);

  it("jobs after a plan job's requests leave no request of another asset behind", async () => {
    const w = world(ledger);
    // A workflow run's plan job records both requests; two jobs of that run, started after it,
    // read its cursor and each records the outcome of its own asset.
    await (await plan(w, TICK, "700")).commit();
    expect((await cursor(w))?.requests).toEqual({
      a: { [CRON]: { run: "700", attempt: 1 } },
      b: { [CRON]: { run: "700", attempt: 1 } },
    });
    const jobA = await plan(w, TICK, "700");
    const jobB = await plan(w, TICK, "700");
    await Promise.all([jobA.commit(new Set(["a"])), jobB.commit(new Set(["b"]))]);

    const after = await cursor(w);
    expect(after?.assets).toEqual({ a: { [CRON]: TICK }, b: { [CRON]: TICK } });
    // A request put back by the other job would be one without an outcome: planned again by the
    // next workflow run.
    expect(after?.requests).toBeUndefined();
    expect([...(await plan(w, LATER, "701")).assets].filter(([, e]) => e.run)).toEqual([]);
  }, 120_000);

  it("a source failure keeps the mark of the run that saw it first, which alone alerts", async () => {
    const w = new TickWorld({
      "kiln.yml":
        'version: 1\nsources:\n  feed: { observe: "cat feed-version" }\nassets:\n  pulled:\n    deps: [feed]\n    run: "true"\n',
    });
    if (ledger === "branch") w.withRemote();
    // No feed-version file: observing the feed fails. Two workflow runs of the branch see it.
    const first = await plan(w, TICK, "801");
    const second = await plan(w, LATER, "802");
    await first.commit();
    await second.commit();
    // The report job alerts in the run its mark names (github/alerts.ts sourceFailureAlerts): a
    // mark replaced by the second run would alert again, in that run.
    expect((await cursor(w))?.sources).toEqual({
      feed: { since: TICK, error: expect.stringContaining("feed-version"), runId: "801", runAttempt: 1 },
    });
  }, 120_000);
});

// Each step says it started, then waits for the file `go`: both runs have planned (read the
// cursor) before either commits.
const STEP = `import { existsSync, mkdirSync, writeFileSync } from "node:fs";
const name = process.argv[2];
writeFileSync(\`started-\${name}\`, "");
while (!existsSync("go")) await new Promise((resolve) => setTimeout(resolve, 20));
mkdirSync("data", { recursive: true });
writeFileSync(\`data/\${name}.txt\`, name);
`;

describe("two kiln run processes of different assets in one workspace", () => {
  it("both record their cron tick", async () => {
    const w = new TickWorld({
      "kiln.yml": [
        "version: 1",
        "assets:",
        ...["a", "b"].flatMap((name) => [
          `  ${name}:`,
          `    run: "node step.mjs ${name}"`,
          `    outputs: [data/${name}.txt]`,
          '    automation: { on_cron: "17 3 * * *" }',
        ]),
        "",
      ].join("\n"),
      "step.mjs": STEP,
      ".gitignore": ".kiln/\ndata/\nstarted-*\ngo\n",
    });
    const tick = ["--event", "schedule", "--now", TICK, "--ledger", "local"];
    const runs = await Promise.all(["a", "b"].map((name) => w.start(["run", name, ...tick])));
    const started = (name: string) => existsSync(path.join(w.dir, `started-${name}`));
    const ended = runs.map((run) => run.result);
    // Both steps run (so both runs planned) before either may finish; a run that ends first fails.
    while (!(started("a") && started("b"))) {
      const early = await Promise.race([...ended, new Promise((resolve) => setTimeout(resolve, 50))]);
      if (early) throw new Error(`a run ended before both steps started: ${JSON.stringify(early)}`);
    }
    writeFileSync(path.join(w.dir, "go"), "");
    for (const result of await Promise.all(ended)) expect(result.code, result.stderr).toBe(0);
    expect((await cursor(w))?.assets).toEqual({ a: { [CRON]: TICK }, b: { [CRON]: TICK } });
    expect([...(await plan(w, LATER)).assets].filter(([, e]) => e.run)).toEqual([]);
  }, 300_000);
});
