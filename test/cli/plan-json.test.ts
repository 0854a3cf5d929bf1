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
