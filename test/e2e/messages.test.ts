// Messages a user trusts: an unknown asset lists the assets there are, a source is shown as a
// source, and a version built from uncommitted changes says so wherever its commit is shown.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { epochsProject, TRAIN_SCRIPT } from "../support/epochs-project.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

const MANIFEST = `version: 1
name: messages
sources:
  raw_data:
    description: The raw rows.
    observe: echo snapshot-7
assets:
  model:
    deps: [raw_data]
    code: [train.mjs]
    config: { epochs: 4 }
    run: node train.mjs
    outputs: [build/model.json]
    metrics: { primary: loss, direction: minimize }
`;

function project(): string {
  const dir = epochsProject("kiln-messages-", { epochs: 1 });
  writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
  commitNewRepository(dir, "start");
  return dir;
}

describe("messages", () => {
  it("lists the assets when a selection names an unknown one, with a did-you-mean when close", async () => {
    const dir = project();
    const nope = await kilnIn(dir, ["run", "nope"]);
    expect(nope.code).toBe(1);
    expect(nope.output).toContain('unknown asset "nope"');
    expect(nope.output).toContain("hint: assets: model");
    const typo = await kilnIn(dir, ["history", "modle"]);
    expect(typo.code).toBe(1);
    expect(typo.output).toContain('hint: did you mean "model"? assets: model');
  });

  it("shows a source as a source, with what it observes and what read it", async () => {
    const dir = project();
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    const shown = await kilnIn(dir, ["show", "raw_data"]);
    expect(shown.code, shown.output).toBe(0);
    expect(shown.stdout).toContain("raw_data  (source: observed, never materialized)");
    expect(shown.stdout).toContain("observed now     snapshot-7");
    expect(shown.stdout).toMatch(/model\s+v1 → [0-9a-f]{16}/);
    const json = JSON.parse((await kilnIn(dir, ["show", "raw_data", "--json"])).stdout);
    expect(json).toMatchObject({
      kind: "source",
      observed: "snapshot-7",
      readBy: [{ asset: "model", version: 1 }],
    });
    const history = await kilnIn(dir, ["history", "raw_data"]);
    expect(history.code).toBe(1);
    expect(history.output).toContain('"raw_data" is a source: it is observed, never materialized');
  });

  it("marks a version built from uncommitted changes as dirty in show, history and the report", async () => {
    const dir = project();
    writeFileSync(path.join(dir, "train.mjs"), `${TRAIN_SCRIPT}// tuned\n`);
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    const head = gitIn(dir, "rev-parse", "HEAD");
    const record = JSON.parse((await kilnIn(dir, ["show", "model", "--json"])).stdout);
    expect(record.context).toMatchObject({ gitSha: head, dirty: true });
    expect((await kilnIn(dir, ["show", "model"])).stdout).toContain(
      `${head} with uncommitted changes (dirty)`,
    );
    expect((await kilnIn(dir, ["history", "model"])).stdout).toContain(`${head.slice(0, 7)}-dirty`);
    const history = JSON.parse((await kilnIn(dir, ["history", "model", "--json"])).stdout);
    expect(history.versions[0].dirty).toBe(true);
    const report = (await kilnIn(dir, ["report"])).stdout;
    expect(report).toContain("v1 (dirty)");
    expect(report).toContain("built from uncommitted changes");

    // Committed, the next version is clean.
    gitIn(dir, "commit", "-qam", "tuned");
    expect((await kilnIn(dir, ["run", "--force"])).code).toBe(0);
    const clean = JSON.parse((await kilnIn(dir, ["show", "model", "--json"])).stdout);
    expect(clean.version).toBe(2);
    expect(clean.context.dirty).toBeUndefined();
    expect((await kilnIn(dir, ["report"])).stdout).not.toContain("dirty");
  });
});
