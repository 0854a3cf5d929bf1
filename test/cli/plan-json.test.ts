// `kiln plan --json`'s promote field: whether a version built at this tick may move the alias,
// by the same rule promotion applies (environment.ts), not by the tick's event alone.
import { describe, expect, it } from "vitest";
import { engineRepo } from "../support/engine-run.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

describe("kiln plan --json", () => {
  it("says promote: true only for an asset with promote:, in a run that may promote", async () => {
    const dir = engineRepo(`version: 1
assets:
  features:
    run: 'mkdir -p build && echo f > build/f.txt'
    outputs: [build/f.txt]
  model:
    deps: [features]
    run: 'mkdir -p build && echo m > build/m.txt && echo "{\\"mae\\": 3}" > "$KILN_METRICS"'
    outputs: [build/m.txt]
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion, branches: [main] }
`);
    const promoteOf = async (args: string[] = []) => {
      const plan = await kilnIn(dir, ["plan", "--json", ...args]);
      expect(plan.code, plan.output).toBe(0);
      const assets = JSON.parse(plan.stdout).assets as Record<string, { promote: boolean }>;
      return Object.fromEntries(Object.entries(assets).map(([name, e]) => [name, e.promote]));
    };
    expect(await promoteOf()).toEqual({ features: false, model: true });
    // A pull request, and a dev branch, never promote.
    expect(await promoteOf(["--event", "pull_request"])).toEqual({ features: false, model: false });
    gitIn(dir, "checkout", "-q", "-b", "feature/x");
    expect(await promoteOf()).toEqual({ features: false, model: false });
    // prod by --env on a branch the asset does not promote from.
    expect(await promoteOf(["--env", "prod"])).toEqual({ features: false, model: false });
  });
});

describe("kiln plan --json --explain", () => {
  it("is refused, since the condition tree has no JSON form, instead of printing text to a JSON reader", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p build && echo m > build/m.txt'
    outputs: [build/m.txt]
`);
    const planned = await kilnIn(dir, ["plan", "--json", "--explain", "model"]);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toBe("");
    expect(planned.output).toBe(
      "kiln: error: --explain prints the condition tree as text; it has no --json form\n  hint: drop --json to read the tree, or --explain for the plan as JSON\n",
    );
  });
});
