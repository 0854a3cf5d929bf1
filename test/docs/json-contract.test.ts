// The documented JSON contract: every `--json` output names its schema in `$schema`, the committed
// schema/*.v1.json files are the ones generated from the zod contract, and the real output of each
// command validates against both the zod contract and the committed JSON Schema file.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { type ContractName, contractId } from "../../src/cli/json-contract.js";
import { JSON_CONTRACTS } from "../../src/cli/json-contract-schemas.js";
import { contractFiles } from "../../scripts/json-schemas.js";
import { epochsProject } from "../support/epochs-project.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

const MANIFEST = `version: 1
name: contract
sources:
  raw_data:
    observe: echo snapshot-1
assets:
  model:
    deps: [raw_data]
    code: [train.mjs]
    config: { epochs: 3 }
    run: node train.mjs
    outputs: [build/model.json]
    metrics: { primary: loss, direction: minimize }
    checks:
      - { metric: "loss < 1" }
    promote: {}
  flaky:
    deps: [model]
    run: echo broken >&2 && exit 3
`;

const TRAIN = `import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
const { epochs } = JSON.parse(readFileSync(process.env.KILN_CONFIG, "utf8"));
for (let epoch = 1; epoch <= epochs; epoch++)
  appendFileSync(process.env.KILN_SERIES, JSON.stringify({ step: epoch, loss: 1 / epoch }) + "\\n");
mkdirSync("build", { recursive: true });
writeFileSync("build/model.json", JSON.stringify({ epochs }));
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ loss: 1 / epochs, acc: 0.5 }));
`;

const COMMANDS: [ContractName, string[]][] = [
  ["status", ["status", "--json"]],
  ["plan", ["plan", "--json"]],
  ["history", ["history", "model", "--json"]],
  ["history", ["history", "flaky", "--json"]],
  ["show", ["show", "model@champion", "--json"]],
  ["show-source", ["show", "raw_data", "--json"]],
  ["aliases", ["aliases", "model", "--json"]],
  ["report", ["report", "--format", "json"]],
  ["report-list", ["report", "--list", "--format", "json"]],
];

describe("the JSON contract of --json outputs", () => {
  let dir: string;
  beforeAll(async () => {
    dir = epochsProject("kiln-contract-", { epochs: 1 });
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
    writeFileSync(path.join(dir, "train.mjs"), TRAIN);
    commitNewRepository(dir, "start");
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(1); // flaky fails, model is built and promoted
    const again = await kilnIn(dir, ["run", "model", "--force"]); // v2: a report with baselines
    expect(again.code, again.output).toBe(0);
  }, 120_000);

  it("keeps the committed schema files equal to the ones generated from the contract", () => {
    for (const [file, text] of contractFiles()) {
      expect(
        readFileSync(path.join(ROOT, file), "utf8"),
        `${file} is stale: npx tsx scripts/json-schemas.ts`,
      ).toBe(text);
    }
  });

  it("covers every command option that prints JSON", () => {
    const program = readFileSync(path.join(ROOT, "src/cli/program.ts"), "utf8");
    const options =
      (program.match(/"--json"/g) ?? []).length +
      (program.match(/choices\(\["md", "json"\]\)/g) ?? []).length;
    // status, plan, history, show, aliases and report (whose --list has its own contract).
    expect(options).toBe(6);
    expect(new Set(COMMANDS.map(([name]) => name))).toEqual(new Set(Object.keys(JSON_CONTRACTS)));
  });

  for (const [name, args] of COMMANDS) {
    it(`kiln ${args.join(" ")} matches schema/${name}.v1.json`, async () => {
      const result = await kilnIn(dir, args);
      expect(result.code, result.output).toBe(0);
      const output = JSON.parse(result.stdout);
      expect(output.$schema).toBe(contractId(name));
      const { $schema: _, ...value } = output;
      const parsed = JSON_CONTRACTS[name].safeParse(value);
      expect(parsed.success, JSON.stringify(parsed.error?.issues, null, 2)).toBe(true);
      const file = JSON.parse(readFileSync(path.join(ROOT, "schema", `${name}.v1.json`), "utf8"));
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      const validate = ajv.compile(file);
      expect(validate(output), JSON.stringify(validate.errors, null, 2)).toBe(true);
    });
  }

  it("keeps a run's report small: only the version the run wrote carries its curves, as a chart", () => {
    const kept = JSON.parse(readFileSync(path.join(dir, ".kiln/reports/latest.json"), "utf8"));
    const model = kept.assets.find((a: { name: string }) => a.name === "model");
    expect(model.record.version).toBe(2);
    // The series stays in the ledger; the report holds its chart, downsampled when written.
    expect(model.record.series).toEqual([]);
    expect(model.series.sourcePoints).toBe(3);
    expect(model.previous.version).toBe(1);
    expect(model.previous.series).toEqual([]);
    // The history chart needs each version's metrics only.
    expect(model.history.map((r: { version: number }) => Object.keys(r).sort())).toEqual([
      ["metrics", "version"],
      ["metrics", "version"],
    ]);
  });

  it("rejects an output that drifts from the contract", () => {
    const file = JSON.parse(readFileSync(path.join(ROOT, "schema/status.v1.json"), "utf8"));
    const validate = new Ajv2020({ strict: false }).compile(file);
    const drifted = {
      $schema: contractId("status"),
      environment: "prod",
      assets: {
        model: {
          status: "fresh",
          run: false,
          version: 3,
          dataVersion: null,
          logicalVersion: null,
          reasons: [],
        },
      },
    };
    expect(validate(drifted)).toBe(false);
    expect(JSON_CONTRACTS.status.safeParse({ ...drifted, $schema: undefined }).success).toBe(false);
  });
});
