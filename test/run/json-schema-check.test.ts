// An output check with `json-schema:` validates the output's JSON against the schema file, in the
// run that made it: a mismatch fails a blocking check (no version counts as good) and says where.
import { describe, expect, it } from "vitest";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = `version: 1
name: schema-check
assets:
  model:
    code: [train.mjs]
    inputs: [rows.txt]
    run: node train.mjs
    outputs: [build/model.json]
    checks:
      - { output: build/model.json, json-schema: schemas/model.schema.json, blocking: true }
`;

const TRAIN = `import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
mkdirSync("build", { recursive: true });
const rows = readFileSync("rows.txt", "utf8").trim();
writeFileSync("build/model.json", JSON.stringify({ rows: rows === "many" ? "many" : Number(rows) }));
`;

const SCHEMA = JSON.stringify({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["rows"],
  properties: { rows: { type: "integer", minimum: 1 } },
});

function repo(rows: string, schema = SCHEMA): string {
  return engineRepo(MANIFEST, {
    "train.mjs": TRAIN,
    "schemas/model.schema.json": schema,
    "rows.txt": rows,
  });
}

describe("a json-schema output check", () => {
  it("passes an output that matches the schema", async () => {
    const dir = repo("12");
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    const show = JSON.parse((await kilnIn(dir, ["show", "model", "--json"])).stdout);
    expect(show.checks).toEqual([
      expect.objectContaining({
        kind: "output",
        blocking: true,
        passed: true,
        message: "build/model.json matches schemas/model.schema.json",
      }),
    ]);
  });

  it("fails a blocking check on a mismatch and names the offending field", async () => {
    const dir = repo("many");
    const run = await kilnIn(dir, ["run"]);
    expect(run.code).toBe(1);
    expect(run.output).toContain(
      "build/model.json does not match schemas/model.schema.json: /rows must be integer",
    );
  });

  it("reads a draft-07 schema as draft-07: a matching output passes, a mismatch names the field", async () => {
    const draft07 = JSON.stringify({
      ...JSON.parse(SCHEMA),
      $schema: "http://json-schema.org/draft-07/schema#",
    });
    const good = await kilnIn(repo("12", draft07), ["run"]);
    expect(good.code, good.output).toBe(0);
    const bad = await kilnIn(repo("many", draft07), ["run"]);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain(
      "build/model.json does not match schemas/model.schema.json: /rows must be integer",
    );
  });
});
