// Patterns that match nothing git lists: gitignored inputs are hashed (editing or adding one makes
// the asset stale), and a pattern that matches no file at all is a warning everywhere a plan is
// shown: kiln status, plan, run, doctor, the JSON outputs and the action's plan job.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { planAction } from "../../src/action/plan.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { project, run, status, write } from "./edges-project.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("patterns that match nothing git lists", () => {
  it("a gitignored input is hashed: editing it makes the asset stale", async () => {
    const dir = project({ inputs: ["big/x.csv"], files: { ".gitignore": ".kiln/\nout/\nbig/\n" } });
    write(dir, "big/x.csv", "x\n1\n");
    await run(dir);
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    write(dir, "big/x.csv", "x\n2\n");
    expect(await status(dir)).toMatchObject({ status: "stale", reasons: ["input changed (big/x.csv)"] });
  });

  it("a gitignored folder's new file under a glob makes the asset stale", async () => {
    const dir = project({ inputs: ["big/*.csv"], files: { ".gitignore": ".kiln/\nout/\nbig/\n" } });
    write(dir, "big/x.csv", "x\n1\n");
    await run(dir);
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    write(dir, "big/y.csv", "y\n");
    expect(await status(dir)).toMatchObject({ status: "stale", reasons: ["input added (big/y.csv)"] });
  });

  it("a pattern that matches no file is a warning in status, plan, run and doctor", async () => {
    const dir = project({ inputs: ["data/tpyo.csv"], files: { "data/typo.csv": "1\n" } });
    const warning = 'kiln: warning: asset m: pattern "data/tpyo.csv" matches no file';
    for (const args of [["status"], ["plan"], ["run"]]) {
      const result = await kilnIn(dir, args);
      expect(result.code, result.output).toBe(0);
      expect(result.output, args.join(" ")).toContain(warning);
    }
    const doctor = await kilnIn(dir, ["doctor"]);
    expect(doctor.code, doctor.output).toBe(0);
    expect(doctor.output).toContain('warning: kiln.yml: asset m\n  pattern "data/tpyo.csv" matches no file');
    expect(doctor.output).toContain("1 warning(s)");
    const json = await kilnIn(dir, ["status", "--json"]);
    const output = JSON.parse(json.stdout);
    expect(output.assets.m.unmatched).toEqual(["data/tpyo.csv"]);
    const schema = JSON.parse(readFileSync(path.join(ROOT, "schema/status.v1.json"), "utf8"));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    const plan = JSON.parse((await kilnIn(dir, ["plan", "--json"])).stdout);
    expect(plan.assets.m.unmatched).toEqual(["data/tpyo.csv"]);
  });

  it("the action's plan job warns of it too", async () => {
    const dir = project({ inputs: ["data/tpyo.csv"], files: { "data/typo.csv": "1\n" } });
    const { io, logs } = recordingIO(
      dir,
      jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main", runId: "9" }),
    );
    const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    expect(await planAction(io, read.inputs)).toEqual({ m: "run" });
    expect(logs).toContainEqual(expect.stringContaining('asset m: pattern "data/tpyo.csv" matches no file'));
  });
});
