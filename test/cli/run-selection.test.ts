// `kiln run ASSET` for an asset that cannot run yet: a selection is a request, so an asset that
// neither ran nor was fresh fails the command (as make and DVC fail a target they cannot build),
// and the command says what builds it: `kiln run +ASSET`, with what it needs.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";

const pipeline = `version: 1
assets:
  model:
    code-version: "1"
    run: mkdir -p build && echo m > build/model.txt
    outputs: [build/model.txt]
  report:
    deps: [model]
    code-version: "1"
    run: cat build/model.txt > build/report.txt
    outputs: [build/report.txt]
`;

describe("kiln run with a selection whose dependency was never built", () => {
  it("fails, and names `kiln run +ASSET` as what builds it", { timeout: 60_000 }, async () => {
    const dir = engineRepo(pipeline);
    for (const args of [
      ["run", "report"],
      ["run", "--force", "report"],
    ]) {
      const held = await kilnIn(dir, args);
      expect(held.code, held.output).toBe(1);
      expect(held.stdout).toMatch(/report\s+skipped\s+waiting: dependency model has never been materialized/);
      expect(held.output).toContain(
        "kiln: error: report did not run: it waits for model, which this run does not build\n  hint: `kiln run +report` builds what it needs first\n",
      );
      expect(held.output).not.toContain("`kiln run report` runs it now");
      expect(existsSync(path.join(dir, "build/report.txt"))).toBe(false);
    }
    const built = await kilnIn(dir, ["run", "+report"]);
    expect(built.code, built.output).toBe(0);
    expect(built.stdout).toMatch(/model\s+success/);
    expect(built.stdout).toMatch(/report\s+success/);
    // Fresh now: asking for it again runs it again, and succeeds.
    expect((await kilnIn(dir, ["run", "report"])).code).toBe(0);
  });

  it("a run without a selection whose assets are not due still succeeds, and says how to run one", {
    timeout: 60_000,
  }, async () => {
    const dir = engineRepo(
      pipeline.replace(
        'code-version: "1"\n    run: mkdir',
        'code-version: "1"\n    automation: manual\n    run: mkdir',
      ),
    );
    const idle = await kilnIn(dir, ["run"]);
    expect(idle.code, idle.output).toBe(0);
    expect(idle.stdout).toContain(
      "Nothing ran at this tick: model, report are not fresh but not due (see `kiln plan --explain model`; `kiln run model` runs it now).",
    );
  });
});
