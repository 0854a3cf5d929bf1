import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "./rig.js";

interface Status {
  environment: string;
  assets: Record<string, { status: string; run: boolean; version: string | null; reasons: string[] }>;
}
interface History {
  versions: { version: number; aliases: string[]; metrics: Record<string, number> }[];
  failures: { status: string; error: string }[];
  aliases: Record<string, number>;
}

const statuses = (s: Status) =>
  Object.fromEntries(Object.entries(s.assets).map(([name, a]) => [name, a.status]));

function setQuality(rig: Rig, quality: number) {
  rig.write({ "kiln.yml": rig.read("kiln.yml").replace(/quality: [\d.]+/, `quality: ${quality}`) });
}

describe("kiln run", () => {
  it("builds everything and promotes v1, then has nothing to do", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit("pipeline");
    expect(statuses(await rig.json<Status>("status", "--json"))).toEqual({
      data: "missing",
      features: "missing",
      model: "missing",
      report: "missing",
    });

    const first = await rig.kiln("run");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/model\s+success\s+.*v1; champion → v1/);
    expect(rig.read("build/report.txt")).toBe('model: {"sum":6,"quality":50}');

    const second = await rig.kiln("run");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Everything is fresh: nothing to run.");
    expect(statuses(await rig.json<Status>("status", "--json"))).toEqual({
      data: "fresh",
      features: "fresh",
      model: "fresh",
      report: "fresh",
    });

    const history = await rig.json<History>("history", "model", "--json");
    expect(history.versions.map((v) => [v.version, v.aliases, v.metrics.mae])).toEqual([
      [1, ["champion"], 50],
    ]);
  });

  it("records a worse model without promoting it, and promotes a better one", async () => {
    const rig = new Rig(pipelineFiles({ quality: 50 }));
    rig.commit();
    await rig.kiln("run");

    setQuality(rig, 60);
    expect((await rig.json<Status>("status", "--json")).assets.model?.reasons).toEqual([
      "config changed (quality 50 → 60)",
    ]);
    const worse = await rig.kiln("run");
    expect(worse.code).toBe(0);
    expect(worse.stdout).toMatch(/model\s+success\s+.*v2\s*$/m);

    setQuality(rig, 49.5);
    await rig.kiln("run");
    setQuality(rig, 40);
    await rig.kiln("run");
    const history = await rig.json<History>("history", "model", "--json");
    expect(history.versions.map((v) => [v.version, v.metrics.mae, v.aliases])).toEqual([
      [1, 50, []],
      [2, 60, []],
      [3, 49.5, []], // beats v1 by 0.5 < min-delta 1
      [4, 40, ["champion"]],
    ]);
    const shown = await rig.kiln("show", "model@v3");
    expect(shown.stdout).toContain(
      "not eligible: mae 49.5 beats champion v1 (50) by only 0.5, needs ≥ min-delta 1",
    );

    // People can move the alias too, and roll it back.
    expect((await rig.kiln("promote", "model", "v2")).stdout).toBe("model@champion: v4 → v2\n");
    expect((await rig.kiln("rollback", "model")).stdout).toBe("model@champion: v2 → v4\n");
  });

  it("fails an asset whose blocking check fails and skips only its dependants", async () => {
    const rig = new Rig(pipelineFiles({ quality: 150 }));
    rig.commit();
    const run = await rig.kiln("run");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/features\s+success/);
    expect(run.stdout).toMatch(/model\s+failed\s+.*blocking check failed: mae < 100 \(mae = 150 not < 100\)/);
    expect(run.stdout).toMatch(/report\s+skipped\s+.*dependency model failed/);
    expect(run.stderr).toContain("✗ model failed");
    expect(existsSync(path.join(rig.dir, "build/report.txt"))).toBe(false);

    const status = await rig.json<Status>("status", "--json");
    expect(status.assets.model?.status).toBe("missing");
    expect(status.assets.model?.reasons.at(-1)).toMatch(/^last run failed \(blocking check failed/);
    const history = await rig.json<History>("history", "model", "--json");
    expect(history.versions).toEqual([]);
    expect(history.failures).toHaveLength(1);
  });

  it("shows a failing step's last lines and its log", async () => {
    const rig = new Rig(pipelineFiles());
    rig.write({
      "steps/data.sh": 'echo "reading raw data"; echo "disk on fire" >&2; exit 3\n',
    });
    rig.commit();
    const run = await rig.kiln("run");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("✗ data failed: `sh steps/data.sh` exited with code 3");
    expect(run.stderr).toContain("  | disk on fire");
    const log = /full log: (\S+)/.exec(run.stderr)![1]!;
    expect(rig.read(log)).toBe("reading raw data\ndisk on fire\n");
  });

  it("leaves a consistent ledger when killed mid-step, and the next run completes", async () => {
    const rig = new Rig(pipelineFiles());
    rig.write({
      "steps/model.sh": "echo training\nsleep 60\n",
    });
    rig.commit();
    const started = await rig.start(["run", "-v"]);
    await started.printed("training");
    started.child.kill("SIGKILL");
    await started.result;

    const status = await rig.json<Status>("status", "--json");
    expect(statuses(status)).toEqual({
      data: "fresh",
      features: "fresh",
      model: "missing",
      report: "missing",
    });
    const ledger = path.join(rig.dir, rig.ledger("materializations"));
    expect(readdirSync(ledger).sort()).toEqual(["data", "features"]);
    expect(readdirSync(path.join(ledger, "data"))).toEqual(["v1.json"]);

    rig.write({ "steps/model.sh": pipelineFiles()["steps/model.sh"]! });
    const run = await rig.kiln("run");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/model\s+success\s+.*v1/);
  });

  it("keeps versions unique when two runs share a ledger", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    const [a, b] = await Promise.all([
      rig.kiln("run", "--force", "data"),
      rig.kiln("run", "--force", "data"),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const history = await rig.json<History>("history", "data", "--json");
    expect(history.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it("reports manifest errors with file, line and column, and exit code 1", async () => {
    const rig = new Rig({
      "kiln.yml":
        "version: 1\nassets:\n  model:\n    deps: [featurs]\n    run: echo\n  features:\n    run: echo\n",
    });
    const result = await rig.kiln("status");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kiln.yml:4:12 error: asset "model" depends on unknown asset "featurs"');
    expect(result.stderr).toContain('hint: did you mean "features"?');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("on SIGTERM stops the running step, records it as cancelled and starts nothing else", async () => {
    const rig = new Rig(pipelineFiles());
    rig.write({ "steps/model.sh": "echo training\nsleep 60\n" });
    rig.commit();
    const started = await rig.start(["run", "-v"]);
    await started.printed("training");
    started.child.kill("SIGTERM");
    const result = await started.result;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/model\s+cancelled/);
    expect(result.stdout).toMatch(/report\s+(cancelled|skipped)/);
    const history = await rig.json<History>("history", "model", "--json");
    expect(history.versions).toEqual([]);
    expect(history.failures.map((f) => f.status)).toEqual(["cancelled"]);
    expect(existsSync(path.join(rig.dir, rig.ledger("materializations/model")))).toBe(false);
  });
});
