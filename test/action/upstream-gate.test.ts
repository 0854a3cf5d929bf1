// A leg of a layer workflow starts whatever happened in earlier layers and checks its own
// dependencies against the plan: a dependency the plan ran in this run that is not fresh now failed
// or was skipped there, and the leg is skipped too. A dependency the plan ran that stopped at early
// cutoff (its upstream rebuilt the same bytes) is fresh and wrote no record in this run: its
// dependants go on, and run when they are stale for their own reasons.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jobEnv } from "../support/action-io.js";
import { assetJob, chainProject } from "../support/chain-jobs.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

function project(): string {
  const { dir } = chainProject("kiln-upstream-gate-");
  // The tests' own versions of a step write into build/ without making it.
  mkdirSync(path.join(dir, "build"));
  return dir;
}

/** One asset job of run 2 of a layer workflow, in-process, as the generated leg calls the action. */
function leg(dir: string, asset: string, plan: Record<string, "run" | "skip">, force = false) {
  const env = jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main", runId: "2" });
  return assetJob(dir, asset, env, plan, force);
}

describe("a layer leg whose dependency the plan ran in this run", () => {
  it("runs when that dependency stopped at early cutoff", async () => {
    const dir = project();
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    // Run 2: data's code changes but not its bytes; the model's code changes.
    writeFileSync(path.join(dir, "steps/data.sh"), "# same rows, tidier\necho 1,2,3 > build/data.txt\n");
    writeFileSync(
      path.join(dir, "steps/model.sh"),
      "cat build/features.txt build/features.txt > build/model.txt\n",
    );
    gitIn(dir, "commit", "-qam", "refactor data, change the model");

    const plan = { data: "run", features: "run", model: "run" } as const;
    const data = await leg(dir, "data", plan);
    expect(data.outputs.get("version"), data.logs.join("\n")).toBe("v2");
    const features = await leg(dir, "features", plan);
    expect(features.outcomes.map((o) => o.outcome)).toEqual(["fresh"]);
    const model = await leg(dir, "model", plan);
    expect(model.outputs.get("ran"), model.summary()).toBe("true");
    expect(model.outputs.get("version"), model.summary()).toBe("v2");
    expect(model.jobFailed).toBe(false);
  });

  it("is skipped, and says why, when that dependency failed in this run", async () => {
    const dir = project();
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    writeFileSync(path.join(dir, "steps/features.sh"), 'echo "no rows" >&2\nexit 1\n');
    writeFileSync(
      path.join(dir, "steps/model.sh"),
      "cat build/features.txt build/features.txt > build/model.txt\n",
    );
    gitIn(dir, "commit", "-qam", "break features, change the model");

    // The plan job's plan: data is fresh; features and its dependant run.
    const plan = { data: "skip", features: "run", model: "run" } as const;
    const features = await leg(dir, "features", plan);
    expect(features.jobFailed, JSON.stringify(features.outcomes) + features.logs.join("\n")).toBe(true);
    const model = await leg(dir, "model", plan);
    expect(model.jobFailed).toBe(false);
    expect(model.outputs.get("ran")).toBe("false");
    expect(model.summary()).toContain(
      "Skipped: its dependency features was to run in this run but did not materialize (it failed or was skipped)",
    );
  });

  // Found by review: a requested dependency (a cron tick, dispatch force) that fails keeps its
  // older version fresh, so "not fresh" alone let its dependants run on the older bytes, where a
  // local run and a per-asset workflow skip them.
  it("is skipped when a requested dependency failed in this run, though its older version is fresh", async () => {
    const dir = project();
    writeFileSync(
      path.join(dir, "steps/data.sh"),
      '[ -f .source ] || { echo "source offline" >&2; exit 1; }\necho 1,2,3 > build/data.txt\n',
    );
    writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\n.source\n");
    writeFileSync(path.join(dir, ".source"), "");
    gitIn(dir, "commit", "-qam", "data reads a source");
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    rmSync(path.join(dir, ".source"));
    // A cron tick requests data; its dependants run after it.
    const plan = { data: "run", features: "run", model: "run" } as const;
    expect((await leg(dir, "data", plan, true)).jobFailed).toBe(true);
    for (const asset of ["features", "model"]) {
      const skipped = await leg(dir, asset, plan);
      expect(skipped.jobFailed).toBe(false);
      expect(skipped.outputs.get("ran"), skipped.summary()).toBe("false");
      expect(skipped.summary()).toMatch(
        /^Skipped: its dependency \w+ was to run in this run but did not materialize/m,
      );
    }
  });
});

describe("a layer leg that reads model@champion, when model's leg failed in this run", () => {
  const ALIASED = `version: 1
assets:
  model:
    code: [steps/model.sh]
    run: sh steps/model.sh
    outputs: [build/model.txt]
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion }
  predictions:
    deps: [model@champion]
    code: [steps/predict.sh]
    run: sh steps/predict.sh
    outputs: [build/predictions.txt]
`;

  function aliased(model: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-upstream-gate-"));
    mkdirSync(path.join(dir, "steps"));
    writeFileSync(path.join(dir, "kiln.yml"), ALIASED);
    writeFileSync(path.join(dir, "steps/model.sh"), model);
    writeFileSync(
      path.join(dir, "steps/predict.sh"),
      "mkdir -p build && { printf 'scored by '; cat build/model.txt; } > build/predictions.txt\n",
    );
    writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\n");
    commitNewRepository(dir, "init");
    return dir;
  }
  const plan = { model: "run", predictions: "run" } as const;
  const diverged = 'echo "training diverged" >&2\nexit 1\n';

  it("runs with the champion the failure left as it was", async () => {
    const dir = aliased(
      `mkdir -p build && echo m1 > build/model.txt && echo '{"mae": 3}' > "$KILN_METRICS"\n`,
    );
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    writeFileSync(path.join(dir, "steps/model.sh"), diverged);
    writeFileSync(
      path.join(dir, "steps/predict.sh"),
      "mkdir -p build && { printf 'scored (v2) by '; cat build/model.txt; } > build/predictions.txt\n",
    );
    gitIn(dir, "commit", "-qam", "diverging training, new scoring");
    expect((await leg(dir, "model", plan)).jobFailed).toBe(true);
    const predictions = await leg(dir, "predictions", plan);
    expect(predictions.jobFailed, predictions.summary()).toBe(false);
    expect(predictions.outputs.get("version"), predictions.summary()).toBe("v2");
  });

  it("is skipped, not failed, while the alias names no version", async () => {
    const dir = aliased(diverged);
    expect((await leg(dir, "model", plan)).jobFailed).toBe(true);
    const predictions = await leg(dir, "predictions", plan);
    expect(predictions.jobFailed, predictions.summary()).toBe(false);
    expect(predictions.outputs.get("ran")).toBe("false");
    expect(predictions.summary()).toContain(
      "Skipped: its dependency model was to run in this run but did not materialize (it failed or was skipped), and model has no champion yet.",
    );
    const history = await kilnIn(dir, ["history", "predictions"]);
    expect(history.output).not.toContain("failed");
  });
});
