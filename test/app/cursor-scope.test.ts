// The automation cursor (which cron tick each asset last handled) belongs to an environment on a
// branch: a dev run on main handles none of prod's ticks, and a ledger whose cursors an earlier
// Kiln kept per branch keeps working.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kilnIn } from "../support/kiln-in-process.js";
import { Rig } from "../e2e/rig.js";

const manifest = `version: 1
assets:
  model:
    code: [steps/model.sh]
    run: sh steps/model.sh
    outputs: [build/model.txt]
    config: { n: 1 }
    automation: { on_cron: "17 3 * * 1" }
environments:
  dev: { config: { model: { n: 2 } } }
`;

const SUNDAY = "2026-11-22T10:00:00Z";
const MONDAY = "2026-11-23T04:00:00Z";
const MONDAY_LATER = "2026-11-23T04:05:00Z";
const KEY = "on_cron:17 3 * * 1@UTC";

function rig(): Rig {
  const made = new Rig({
    "kiln.yml": manifest,
    ".gitignore": "build/\n.kiln/\n",
    "steps/model.sh": 'mkdir -p build && echo "$KILN_ENV" > build/model.txt\n',
  });
  made.commit("init");
  return made;
}

async function tick(dir: string, now: string, ...extra: string[]) {
  const result = await kilnIn(dir, ["run", "--event", "schedule", "--now", now, ...extra]);
  expect(result.code, result.output).toBe(0);
  return result.output;
}

/** The cursor files of the project's local ledger. */
function cursorFiles(dir: string): string[] {
  const projects = path.join(dir, ".kiln/ledger/projects");
  const [project] = readdirSync(projects);
  const folder = path.join(projects, project!, "cursors");
  return readdirSync(folder).map((name) => path.join(folder, name));
}

describe("the automation cursor of an environment on a branch", () => {
  it("a dev run on main does not handle prod's weekly tick", async () => {
    const r = rig();
    // Built on Sunday in prod and in dev.
    await tick(r.dir, SUNDAY);
    await tick(r.dir, SUNDAY, "--env", "dev");
    // Monday after the 03:17 tick: someone tries the dev config on main first.
    expect(await tick(r.dir, MONDAY, "--env", "dev")).toMatch(/model\s+success/);
    // Prod's scheduled run of the same Monday still owes the tick.
    const plan = await kilnIn(r.dir, [
      "plan",
      "--event",
      "schedule",
      "--now",
      MONDAY_LATER,
      "--explain",
      "model",
    ]);
    expect(plan.output).toMatch(/✓ cron tick passed since last handled/);
    expect(await tick(r.dir, MONDAY_LATER)).toMatch(/model\s+success/);
    // Each environment has handled Monday's tick once; neither runs it again.
    expect(await tick(r.dir, "2026-11-23T05:00:00Z")).not.toMatch(/model\s+success/);
    expect(await tick(r.dir, "2026-11-23T05:00:00Z", "--env", "dev")).not.toMatch(/model\s+success/);
  });

  it("reads a cursor an earlier Kiln kept for the branch as the cursor of the environment the branch selects", async () => {
    const r = rig();
    await tick(r.dir, SUNDAY);
    await tick(r.dir, SUNDAY, "--env", "dev");
    // The ledger as an earlier Kiln left it: one cursor for the branch, `cursors/main.json`, whose
    // entry says the 2026-11-30 tick was handled (its request found the model fresh, say).
    const files = cursorFiles(r.dir);
    const prodFile = files.find((file) => path.basename(file).startsWith("prod_main-"));
    expect(prodFile, files.join(", ")).toBeDefined();
    const written = JSON.parse(readFileSync(prodFile!, "utf8"));
    for (const file of files) rmSync(file);
    writeFileSync(
      path.join(path.dirname(prodFile!), "main.json"),
      JSON.stringify({ ...written, scope: "main", assets: { model: { [KEY]: "2026-11-30T04:00:00.000Z" } } }),
    );

    // Prod on main, the environment main selects, has handled that tick: nothing runs.
    const prod = await kilnIn(r.dir, [
      "plan",
      "--event",
      "schedule",
      "--now",
      "2026-11-30T05:00:00Z",
      "--explain",
      "model",
    ]);
    expect(prod.output).toMatch(/✗ cron tick passed since last handled/);
    expect(prod.output).toMatch(/last handled 2026-11-30T04:00Z/);
    // Dev on main never wrote that cursor (its runs were moved there by --env): its tick is its own.
    expect(await tick(r.dir, "2026-11-30T05:00:00Z", "--env", "dev")).toMatch(/model\s+success/);
    // The next prod tick moves the old cursor's entry to prod's own cursor, which is read from then on.
    expect(await tick(r.dir, "2026-12-07T04:00:00Z")).toMatch(/model\s+success/);
    const moved = cursorFiles(r.dir).filter((file) => path.basename(file).startsWith("prod_main-"));
    expect(moved).toHaveLength(1);
    expect(JSON.parse(readFileSync(moved[0]!, "utf8"))).toMatchObject({
      scope: "prod:main",
      assets: { model: { [KEY]: "2026-12-07T04:00:00.000Z" } },
    });
    expect(await tick(r.dir, "2026-12-07T05:00:00Z")).not.toMatch(/model\s+success/);
  });
});
