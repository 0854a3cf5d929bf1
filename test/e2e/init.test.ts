// `kiln init` as a new user meets it: an empty repository, then `kiln run` and the workflow check.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Rig } from "./rig.js";

const hasPython = spawnSync("python3", ["--version"]).status === 0;
if (!hasPython && process.env.CI === "true") throw new Error("CI=true but python3 is not on PATH");

describe("kiln init", () => {
  it.skipIf(!hasPython)(
    "goes from an empty repository to a green run and an up-to-date workflow",
    async () => {
      const rig = new Rig();
      const init = await rig.kiln("init");
      expect(init.code, init.stderr).toBe(0);
      for (const file of [
        "kiln.yml",
        "train.py",
        ".kiln/.gitignore",
        ".gitignore",
        ".github/workflows/kiln.yml",
      ]) {
        expect(init.stdout).toContain(`  ${file}`);
        expect(existsSync(path.join(rig.dir, file)), file).toBe(true);
      }
      expect(init.stdout).toMatch(
        /Next:\n {2}npx kiln run .*\n {2}git add -A && git commit .*\n {2}git push .*\n$/,
      );
      expect(rig.read("kiln.yml")).toMatch(/^# /); // commented for the reader
      expect(rig.read(".gitignore")).toBe("build/\n");

      rig.commit("kiln init");
      const run = await rig.kiln("run");
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/model\s+success\s+.*v1; champion → v1/);
      const check = await rig.kiln("generate", "--check");
      expect(check.code, check.stderr).toBe(0);

      // Nothing Kiln wrote is left for `git add -A`, even in a fresh clone without .kiln/.gitignore.
      rmSync(path.join(rig.dir, ".kiln"), { recursive: true });
      expect((await rig.kiln("run", "--force")).code).toBe(0);
      expect(rig.git("status", "--porcelain", "--untracked-files=all")).toBe("");
    },
  );

  it("refuses to overwrite, names what exists and writes nothing", async () => {
    const rig = new Rig({ "train.py": "print('mine')\n", ".gitignore": "node_modules" });
    const refused = await rig.kiln("init");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "kiln: error: train.py already exists; kiln init never overwrites, so nothing was written\n" +
        "  hint: run it in a folder without them, or edit the existing manifest (see docs/manifest.md)\n",
    );
    expect(existsSync(path.join(rig.dir, "kiln.yml"))).toBe(false);
    expect(rig.read("train.py")).toBe("print('mine')\n");
    expect(rig.read(".gitignore")).toBe("node_modules");

    const withWorkflow = new Rig({ ".github/workflows/kiln.yml": "name: mine\n" });
    const again = await withWorkflow.kiln("init");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(".github/workflows/kiln.yml already exists");
    expect(again.stderr).toContain("pass --no-workflow");
    expect(existsSync(path.join(withWorkflow.dir, "kiln.yml"))).toBe(false);
    const kept = await withWorkflow.kiln(
      "init",
      "--no-workflow",
      "--asset",
      "churn",
      "--python",
      "/usr/bin/python3",
    );
    expect(kept.code, kept.stderr).toBe(0);
    expect(withWorkflow.read(".github/workflows/kiln.yml")).toBe("name: mine\n");
    expect(withWorkflow.read("kiln.yml")).toContain("  churn:\n");
    expect(withWorkflow.read("kiln.yml")).toContain("run: /usr/bin/python3 train.py");
    expect(withWorkflow.read(".gitignore")).toBe("build/\n");
  });

  it("rejects an asset name the manifest would reject", async () => {
    const rig = new Rig();
    const bad = await rig.kiln("init", "--asset", "My Model");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--asset "My Model" is not a valid asset name');
    expect(existsSync(path.join(rig.dir, "kiln.yml"))).toBe(false);
  });
});
