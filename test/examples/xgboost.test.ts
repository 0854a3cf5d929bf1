// The XGBoost example as a team would use it, walked by its tutorial (docs/tutorial-xgboost.md):
// build, try a worse model, try a better one, replay next Monday's tick, open a pull request. One
// run of the documented commands (scripts/tutorial-outputs.ts) serves two purposes: the tutorial
// must show what they print, and the example must behave as a team expects, asserted below on the
// same commands' full outputs and on the ledger they leave. Needs Debian's python3-xgboost,
// python3-sklearn, python3-pandas; skipped only outside CI.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  normalizeOutput,
  pythonReady,
  type Ran,
  regenerate,
  type Session,
  TUTORIALS,
} from "../../scripts/tutorial-outputs.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tutorial = TUTORIALS.find((t) => t.doc === "docs/tutorial-xgboost.md");
if (!tutorial) throw new Error("the XGBoost tutorial is not in scripts/tutorial-outputs.ts");
const python = pythonReady(tutorial);
if (!python && process.env.CI === "true") {
  throw new Error(
    "CI=true but /usr/bin/python3 does not find xgboost, sklearn and pandas: install python3-xgboost python3-sklearn python3-pandas",
  );
}

interface History {
  versions: {
    version: number;
    aliases: string[];
    branch?: string;
    metrics: Record<string, number>;
  }[];
}

/** The documented command run the n-th time (0-based) with exactly these arguments. */
function ran(log: Ran[], command: string, nth = 0): Ran {
  const found = log.filter((r) => r.args.join(" ") === command)[nth];
  if (!found) throw new Error(`the tutorial did not run \`kiln ${command}\` ${nth + 1} time(s)`);
  return found;
}

async function json<T>(run: Session, ...args: string[]): Promise<T> {
  const { code, output } = await run.kiln(args);
  expect(code, output).toBe(0);
  return JSON.parse(output) as T;
}

describe.skipIf(!python)("the XGBoost example, walked by its tutorial", () => {
  it("shows what the commands print; builds, keeps the champion on a worse model, promotes a better one, and reports a pull request without promoting", async () => {
    let inspected = false;
    const fresh = await regenerate(tutorial, {
      inspect: async (run) => {
        const { log } = run;
        for (const r of log) expect(r.code, `kiln ${r.args.join(" ")}:\n${r.output}`).toBe(0);

        // First run: everything builds and v1 becomes champion; the second finds everything fresh.
        expect(ran(log, "run").output).toMatch(/model\s+success\s+.*v1; champion → v1/);
        expect(ran(log, "run", 1).output).toContain("Everything is fresh");

        // max_depth 6, committed: stale for exactly that reason, not due, and worse when selected.
        expect(ran(log, "status").output).toMatch(
          /^model\s+stale\s+v1\s+config changed \(max_depth 3 → 6\)$/m,
        );
        expect(ran(log, "plan").output).toMatch(/^model\s+skip\s+stale\s+automation: any\(/m);
        const worse = ran(log, "run model+").output;
        expect(worse).toMatch(/^model\s+success\s+\S+ s\s+v2$/m);
        expect(worse).toMatch(/champion stays on v1: mae [\d.]+ does not beat champion v1/);

        // max_depth 2: better by more than min-delta, promoted.
        expect(ran(log, "run model+", 1).output).toMatch(/model\s+success\s+.*v3; champion → v3/);
        const history = await json<History>(run, "history", "model", "--json");
        const [v1, v2, v3, v4] = [...history.versions].sort((a, b) => a.version - b.version);
        expect(v2!.metrics.mae).toBeGreaterThan(v1!.metrics.mae!);
        expect(v1!.metrics.mae! - v3!.metrics.mae!).toBeGreaterThanOrEqual(0.5);
        const shown = await run.kiln(["show", "model@v2"]);
        expect(shown.output).toMatch(/not eligible: mae [\d.]+ does not beat champion v1/);

        // The record names its series file, kept beside it, one point a line.
        const ledger = path.join(run.dir, ".kiln/ledger/projects/xgboost");
        const record = JSON.parse(readFileSync(path.join(ledger, "materializations/model/v3.json"), "utf8"));
        expect(record.seriesFile.points).toBe(200);
        const series = readFileSync(path.join(ledger, record.seriesFile.path), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line));
        expect(series).toHaveLength(200);
        expect(Object.keys(series[0])).toEqual(["step", "train_mae", "val_mae"]);

        // Next Monday's tick waits for features updated since the tick.
        expect(ran(log, "plan --explain model --event schedule --now 2026-11-30T02:20:00Z").output).toMatch(
          /✓ cron tick passed since last handled[\s\S]*✗ all dependencies updated since the tick/,
        );

        // The pull request (max_depth 4 on deeper-trees): trained, compared, never promoted.
        const pr = ran(log, "run --event pull_request --base main").output;
        expect(pr).toMatch(/^model\s+success\s+\S+ s\s+v4$/m);
        const report = (await run.kiln(["report"])).output;
        expect(report).toContain("pull_request");
        expect(report).toMatch(/vs champion v3/);
        expect(report).toMatch(/vs merge-base v3/);
        expect(report).toContain("pull requests never promote");
        expect(v4!.branch).toBe("deeper-trees");
        expect([...history.versions].sort((a, b) => a.version - b.version).map((v) => v.aliases)).toEqual([
          [],
          [],
          ["champion"],
          [],
        ]);
        inspected = true;
      },
    });
    expect(inspected, "the assertions on the run did not run").toBe(true);
    const documented = readFileSync(path.join(ROOT, tutorial.doc), "utf8");
    expect(
      normalizeOutput(documented),
      `${tutorial.doc} drifted from the tool: npx tsx scripts/tutorial-outputs.ts ${tutorial.doc}`,
    ).toBe(normalizeOutput(fresh));
  }, 600_000);
});
