// Several manifests in one repository through the real `kiln` command: one workflow file per
// project that --check covers, and a positioned error when two projects share a name.
import { existsSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { Rig } from "./rig.js";

const manifest = (extra = "") =>
  `version: 1\n${extra}assets:\n  model:\n    code-version: "1"\n    run: node train.mjs\n    outputs: [build/model.json]\n`;

describe("several projects in one repository", () => {
  it("generate --all writes one workflow per project, and --check covers every one", async () => {
    const rig = new Rig({
      "churn/kiln.yml": manifest(),
      "fraud/kiln.yml": manifest(),
      "kiln.yml": manifest(),
    });
    const wrote = await rig.kiln("generate", "--all");
    // No manifest names prod's branches and this clone has no origin/HEAD: each says so, by name.
    expect(wrote.stderr.match(/^kiln: warning: \S+ names no prod branch/gm)).toEqual([
      "kiln: warning: churn/kiln.yml names no prod branch",
      "kiln: warning: fraud/kiln.yml names no prod branch",
      "kiln: warning: kiln.yml names no prod branch",
    ]);
    expect(wrote.stdout).toBe(
      [
        "wrote .github/workflows/kiln-churn.yml",
        "wrote .github/workflows/kiln-fraud.yml",
        "wrote .github/workflows/kiln.yml",
        "",
      ].join("\n"),
    );
    const churn = parse(rig.read(".github/workflows/kiln-churn.yml"));
    const fraud = parse(rig.read(".github/workflows/kiln-fraud.yml"));
    expect([churn.name, fraud.name, parse(rig.read(".github/workflows/kiln.yml")).name]).toEqual([
      "Kiln (churn)",
      "Kiln (fraud)",
      "Kiln",
    ]);
    // Each job runs its own project's manifest.
    expect(churn.jobs.model.steps.at(-1).with.manifest).toBe("churn/kiln.yml");
    expect(fraud.jobs.model.steps.at(-1).with.manifest).toBe("fraud/kiln.yml");

    expect((await rig.kiln("generate", "--all", "--check")).code).toBe(0);
    rig.write({
      "fraud/kiln.yml": manifest().replace('code-version: "1"', 'code-version: "1"\n    runs-on: gpu'),
    });
    const stale = await rig.kiln("generate", "--all", "--check");
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(".github/workflows/kiln-churn.yml is up to date");
    expect(stale.stderr).toContain(
      "kiln: error: .github/workflows/kiln-fraud.yml is out of date; run `kiln generate --all` and commit it",
    );
    expect(stale.stderr).toContain("+    runs-on: gpu");

    // One project alone, from its folder, writes the same file.
    const one = await rig.kiln("generate", "--manifest", "churn/kiln.yml", "--check");
    expect(one.stdout).toBe(".github/workflows/kiln-churn.yml is up to date\n");
    expect(existsSync(path.join(rig.dir, ".github/workflows/kiln-model.yml"))).toBe(false);
  });

  it("two projects with one name are a positioned error for validate --all and generate --all", async () => {
    const rig = new Rig({
      "churn/kiln.yml": manifest("name: scoring\n"),
      "fraud/kiln.yml": manifest("name: scoring\n"),
    });
    for (const command of ["validate", "generate"]) {
      const result = await rig.kiln(command, "--all");
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'fraud/kiln.yml:2:7 error: project "scoring" has the name of the project in churn/kiln.yml',
      );
      expect(result.stderr).toContain("churn/kiln.yml:2:7");
    }
    expect(existsSync(path.join(rig.dir, ".github/workflows"))).toBe(false);
    rig.write({ "fraud/kiln.yml": manifest("name: Fraud Detection\n") });
    const bad = await rig.kiln("validate", "--manifest", "fraud/kiln.yml");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("fraud/kiln.yml:2:7 error");
    expect(bad.stderr).toContain("must match [a-z][a-z0-9_-]*");
    rig.write({ "fraud/kiln.yml": manifest("name: fraud\n") });
    const good = await rig.kiln("validate", "--all");
    expect(good.stdout).toBe(
      "churn/kiln.yml is valid: project scoring, 1 asset, 0 sources\nfraud/kiln.yml is valid: project fraud, 1 asset, 0 sources\n",
    );
  });

  it("a command on one project stops when another manifest has its name, before it writes anything", async () => {
    // Both named after their folders: ml/fraud and ml-fraud are both "ml-fraud".
    const rig = new Rig({ "ml/fraud/kiln.yml": manifest(), ".gitignore": "build/\n.kiln/\n" });
    rig.commit("one project");
    // Untracked, then tracked: the other manifest is found either way, by every command.
    rig.write({ "ml-fraud/kiln.yml": manifest() });
    for (const stage of ["untracked", "tracked"]) {
      if (stage === "tracked") rig.commit("a second project");
      for (const args of [
        ["generate", "--manifest", "ml-fraud/kiln.yml"],
        ["status", "--manifest", "ml-fraud/kiln.yml"],
        ["run", "--manifest", "ml-fraud/kiln.yml"],
        ["--ledger", "branch", "run", "--manifest", "ml/fraud/kiln.yml"],
      ]) {
        const result = await rig.kiln(...args);
        expect(result.code, `${stage}: kiln ${args.join(" ")}`).toBe(1);
        const [own, other] =
          args.at(-1) === "ml-fraud/kiln.yml"
            ? ["ml-fraud/kiln.yml", "ml/fraud/kiln.yml"]
            : ["ml/fraud/kiln.yml", "ml-fraud/kiln.yml"];
        expect(result.stderr).toContain(
          `${own} error: project "ml-fraud" (named after its folder) has the name of the project in ${other}`,
        );
        expect(result.stderr).toContain("hint: give it a name: of its own (name: ml-fraud-2)");
      }
      expect(existsSync(path.join(rig.dir, ".github"))).toBe(false);
      expect(existsSync(path.join(rig.dir, "build"))).toBe(false);
      expect(rig.git("branch", "--list", "kiln-ledger")).toBe("");
      for (const folder of ["ml/fraud", "ml-fraud"])
        expect(existsSync(path.join(rig.dir, folder, ".kiln/ledger"))).toBe(false);
    }
    // A name of its own ends it.
    rig.write({ "ml-fraud/kiln.yml": manifest("name: fraud-scoring\n") });
    expect((await rig.kiln("status", "--manifest", "ml/fraud/kiln.yml")).code).toBe(0);
    const wrote = await rig.kiln("generate", "--manifest", "ml-fraud/kiln.yml");
    expect(wrote.stdout).toBe("wrote .github/workflows/kiln-fraud-scoring.yml\n");
  });
});
