// Reports keep history: every run's report is kept under .kiln/reports/, and an idle run (all
// fresh) does not replace the report of the run that built something, which `kiln report` shows.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KEEP_REPORTS, keepReport, newRunId } from "../../src/app/report-history.js";
import type { RunReport } from "../../src/report/model.js";
import { epochsProject } from "../support/epochs-project.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

describe("report history", () => {
  it("keeps each run's report, and `kiln report` shows the latest run that did something", async () => {
    const dir = epochsProject("kiln-report-history-", { epochs: 10, name: "history" });
    commitNewRepository(dir, "start");
    const reports = path.join(dir, ".kiln/reports");

    const first = await kilnIn(dir, ["run"]);
    expect(first.code, first.output).toBe(0);
    expect(first.stdout).toContain("Report: .kiln/reports/latest.md\n");
    const built = readFileSync(path.join(reports, "latest.md"), "utf8");
    expect(built).toContain("1 materialized");

    const idle = await kilnIn(dir, ["run"]);
    expect(idle.code, idle.output).toBe(0);
    // The idle run names its own report and leaves latest.md on the run that built v1.
    const own = /Report: \.kiln\/reports\/(\d{8}T\d{6}Z-[0-9a-f]{6})\.md \(latest\.md still shows/.exec(
      idle.stdout,
    );
    expect(own, idle.stdout).not.toBeNull();
    expect(readFileSync(path.join(reports, "latest.md"), "utf8")).toBe(built);
    expect(readFileSync(path.join(reports, `${own?.[1]}.md`), "utf8")).toContain(
      "**0 materialized · 💤 1 fresh",
    );

    const shown = await kilnIn(dir, ["report"]);
    expect(shown.stdout).toContain("**✅ 1 materialized");
    expect(shown.stdout).toContain("### ✅ model · v1");

    const listed = await kilnIn(dir, ["report", "--list"]);
    expect(listed.code).toBe(0);
    const rows = listed.stdout.split("\n").filter((line) => /^\d{8}T/.test(line));
    expect(rows).toHaveLength(2);
    // Newest first.
    expect(rows[0]).toContain(own?.[1]);
    expect(rows[0]).toContain("1 fresh");
    expect(rows[1]).toContain("1 materialized");

    const idleShown = await kilnIn(dir, ["report", "--run", own?.[1] ?? ""]);
    expect(idleShown.stdout).toContain("**0 materialized · 💤 1 fresh");
    const json = JSON.parse((await kilnIn(dir, ["report", "--list", "--format", "json"])).stdout);
    expect(json.runs.map((r: { didSomething: boolean }) => r.didSomething)).toEqual([true, false]);

    const unknown = await kilnIn(dir, ["report", "--run", "1999"]);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("--run 1999 is not a kept run");
    expect(unknown.output).toContain("kiln report --list");
  });

  it("orders runs kept within one second in the order they were kept, whatever their random part", () => {
    const tick = new Date("2026-11-23T22:55:43.100Z");
    const ids: string[] = [];
    // Falling random parts: ids ordered by them alone would list the newest run first.
    for (let i = 0; i < 5; i++) ids.push(newRunId(tick, ids, () => (4 - i) / 5));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
  });

  it("keeps the newest runs only", async () => {
    const dir = epochsProject("kiln-report-prune-", { epochs: 1 });
    const reports = path.join(dir, ".kiln/reports");
    const report = (minute: number): RunReport => ({
      event: "local",
      tick: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
      assets: [],
      edges: [],
    });
    for (let i = 0; i < KEEP_REPORTS + 3; i++) await keepReport(reports, report(i), `run ${i}\n`);
    const kept = readdirSync(reports)
      .filter((f) => f.endsWith(".md") && f !== "latest.md")
      .sort();
    expect(kept).toHaveLength(KEEP_REPORTS);
    expect(readFileSync(path.join(reports, kept[0] ?? ""), "utf8")).toBe("run 3\n");
    // A file that is not a run's report is never pruned.
    writeFileSync(path.join(reports, "notes.json"), "{}");
    await keepReport(reports, report(99), "run 99\n");
    expect(readdirSync(reports)).toContain("notes.json");
  });
});
