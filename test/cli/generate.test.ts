// `kiln generate` in-process (the real CLI entry, no child process): the workflow written where the
// manifest's project says, `--check` on a missing, current and edited file, `--output`, and the
// refusal of `--all` with `--output`. test/e2e/projects.test.ts runs the command for several projects.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = `version: 1
assets:
  model:
    code-version: "1"
    run: node train.mjs
    outputs: [build/model.json]
`;

describe("kiln generate", () => {
  it("writes the workflow, and --check says whether the committed one is missing, current or out of date", async () => {
    const dir = engineRepo(MANIFEST);
    const missing = await kilnIn(dir, ["generate", "--check"]);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(
      "kiln: error: .github/workflows/kiln.yml does not exist; run `kiln generate` and commit it",
    );

    const wrote = await kilnIn(dir, ["generate"]);
    expect(wrote).toMatchObject({ code: 0, stdout: "wrote .github/workflows/kiln.yml\n" });
    const workflow = parse(readFileSync(path.join(dir, ".github/workflows/kiln.yml"), "utf8"));
    expect(workflow.name).toBe("Kiln");
    expect(Object.keys(workflow.jobs)).toContain("model");

    expect(await kilnIn(dir, ["generate", "--check"])).toMatchObject({
      code: 0,
      stdout: ".github/workflows/kiln.yml is up to date\n",
    });

    writeFileSync(
      path.join(dir, "kiln.yml"),
      MANIFEST.replace('code-version: "1"', 'code-version: "1"\n    runs-on: gpu'),
    );
    const stale = await kilnIn(dir, ["generate", "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.output).toContain(
      "kiln: error: .github/workflows/kiln.yml is out of date; run `kiln generate` and commit it",
    );
    expect(stale.output).toContain("+    runs-on: gpu");
  });

  it("writes where --output says, and refuses --output with --all", async () => {
    const dir = engineRepo(MANIFEST);
    const wrote = await kilnIn(dir, ["generate", "--output", "ci/pipeline.yml"]);
    expect(wrote).toMatchObject({ code: 0, stdout: "wrote ci/pipeline.yml\n" });
    expect(existsSync(path.join(dir, ".github/workflows/kiln.yml"))).toBe(false);
    expect(parse(readFileSync(path.join(dir, "ci/pipeline.yml"), "utf8")).jobs.model).toBeDefined();
    rmSync(path.join(dir, "ci"), { recursive: true });

    const both = await kilnIn(dir, ["generate", "--all", "--output", "ci/pipeline.yml"]);
    expect(both.code).not.toBe(0);
    expect(both.output).toContain(
      "--all takes every manifest of the repository, each with its own workflow file",
    );
    expect(both.output).toContain("drop --output and --manifest, or drop --all");
    expect(existsSync(path.join(dir, "ci"))).toBe(false);
  });
});
