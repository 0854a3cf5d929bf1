// A forced run (issue #16, the run path): every asset runs whatever its state, so the executor
// works out the version each one runs at without assessing it again (early cutoff): no record of
// it read whole, no store asked whether its outputs are still there. The records a forced run reads
// are the ones its steps restore from (dependencies that do not run in it) and its promotion
// compares with: a dependency built in the same run hands its new record to its dependants.
import { describe, expect, it } from "vitest";
import { countingLedger } from "../support/counting-ledger.js";
import { gitProcessesOf, subcommand } from "../support/git-processes.js";
import {
  engineRepo,
  localEnv,
  openLocalWorkspace,
  runEngine,
  tryRunInWorkspace,
} from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = `version: 1
assets:
  features:
    run: 'mkdir -p build && echo 1,2 > build/features.csv'
    outputs: [build/features.csv]
  model:
    deps: [features]
    run: 'mkdir -p build && cat build/features.csv > build/model.txt'
    outputs: [build/model.txt]
  report:
    deps: [model]
    run: 'mkdir -p build && cat build/model.txt > build/report.txt'
    outputs: [build/report.txt]
`;

describe("a forced run", () => {
  it("reads whole no record when every asset runs: each dependant reads its dependency's new record", async () => {
    const dir = engineRepo(MANIFEST, {});
    await runEngine(dir);
    const read: string[] = [];
    const opened = await openLocalWorkspace(dir);
    const workspace = { ...opened, ledger: countingLedger(opened.ledger, read, { intactChecks: false }) };
    const { outcome } = await tryRunInWorkspace(workspace, { selection: [], force: true });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(
      [...outcome.result.execution.outcomes.values()].map((o) => [o.asset, o.outcome, o.detail]),
    ).toEqual([
      ["features", "success", "v2"],
      ["model", "success", "v2"],
      ["report", "success", "v2"],
    ]);
    // model's and report's steps read features@v2 and model@v2, made in this run; no v1 is
    // anybody's input, and nothing compares with one.
    expect([...new Set(read)].sort()).toEqual([]);
    const model = outcome.result.execution.outcomes.get("model")!.record!;
    const features = outcome.result.execution.outcomes.get("features")!.record!;
    expect(model.provenance.deps).toEqual({ features: features.dataVersion });
  });

  it("reads whole the records of the dependencies that do not run in it, which its steps restore from", async () => {
    const dir = engineRepo(MANIFEST, {});
    await runEngine(dir);
    const read: string[] = [];
    const opened = await openLocalWorkspace(dir);
    const workspace = { ...opened, ledger: countingLedger(opened.ledger, read, { intactChecks: false }) };
    const { outcome } = await tryRunInWorkspace(workspace, { selection: ["model", "report"], force: true });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(
      [...outcome.result.execution.outcomes.values()].map((o) => [o.asset, o.outcome, o.detail]),
    ).toEqual([
      ["model", "success", "v2"],
      ["report", "success", "v2"],
    ]);
    // features@v1 is what model's step restores from; model@v1 is replaced by the v2 report reads.
    expect([...new Set(read)].sort()).toEqual(["features@v1"]);
  });

  it("asks the stores whether an asset's outputs are available once, when planning, not again before running it", async () => {
    const dir = engineRepo(MANIFEST, {});
    await runEngine(dir);
    const workspace = await openLocalWorkspace(dir);
    // In Actions, the chain goes on to the remote stores (the cache service) for each question.
    const asked: string[] = [];
    const available = workspace.stores.available.bind(workspace.stores);
    workspace.stores.available = (version) => {
      asked.push(`${version.asset}@v${version.version}`);
      return available(version);
    };
    const { outcome } = await tryRunInWorkspace(workspace, { selection: [], force: true });
    if (!outcome.ok) throw new Error(outcome.error);
    expect([...outcome.result.execution.outcomes.values()].map((o) => o.outcome)).toEqual([
      "success",
      "success",
      "success",
    ]);
    expect(asked).toEqual(["features@v1", "model@v1", "report@v1"]);
  });

  it("lists no file of the checkout for assets whose version names no file (no code, no inputs)", async () => {
    const dir = engineRepo(MANIFEST, {});
    // The first run makes .kiln/, the second keeps what it worked out in .kiln/cache.
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    expect((await kilnIn(dir, ["run", "--force"])).code).toBe(0);
    // Their versions are remembered (versions-memo.ts), and the provenance a forced run records
    // names no file either: the index is not listed (\`git ls-files -s\`, a process forked from
    // Kiln's whole heap, which delayed the first step).
    const forced = await gitProcessesOf(() => kilnIn(dir, ["run", "--force"]));
    expect(forced.value.code).toBe(0);
    expect(forced.value.stdout).toMatch(/report +success .* v3/);
    expect(forced.commands.map(subcommand)).not.toContain("ls-files");
  });

  it("reads Kiln's environment whole as often for six assets as for two: once per run, not per asset", async () => {
    // Each variable of process.env is a call into Node's C++ side, and the secrets to mask come from
    // the whole of it: worked out for each materialization, with every asset's env looked through
    // for the manifest's secrets, a run's cost grew with the square of its assets.
    const listings = async (count: number) => {
      const assets = Array.from({ length: count }, (_, i) => `  a${i}:\n    run: "true"`).join("\n");
      const dir = engineRepo(`version: 1\nassets:\n${assets}\n`, {});
      let listed = 0;
      const env = new Proxy(localEnv(), {
        ownKeys(target) {
          listed++;
          return Reflect.ownKeys(target);
        },
      });
      const run = await runEngine(dir, { env, force: true });
      expect([...run.result.execution.outcomes.values()].map((o) => o.outcome)).toEqual(
        Array(count).fill("success"),
      );
      return listed;
    };
    expect(await listings(6)).toBe(await listings(2));
  });
});
