// `kiln validate` and the files a check reads from the checkout: a `json-schema:` that is not there
// is named before a run trains for an hour and then fails the check. In-process, no git needed.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../ledger/fixtures.js";
import { kilnIn } from "../support/kiln-in-process.js";

function project(manifest: string, files: Record<string, string> = {}): string {
  const dir = tempDir("kiln-validate-files-");
  writeFileSync(path.join(dir, "kiln.yml"), manifest);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const model = (check: string, extra = "") => `version: 1
assets:
  features:
    code-version: "1"
    run: sh features.sh
    outputs: [build/features.csv, build/features.schema.json, build/schemas/]
  report:
    code-version: "1"
    run: sh report.sh
    outputs: [build/report.schema.json]
  model:
    code-version: "1"
    deps: [features]
    run: sh train.sh
    outputs: [build/model.json${extra}]
    checks:
      - { output: build/model.json, json-schema: ${check}, blocking: true }
`;

describe("kiln validate and a check's json-schema file", () => {
  it("refuses a schema that is not in the checkout, pointing at it", async () => {
    const dir = project(model("schemas/model.schema.json"));
    const result = await kilnIn(dir, ["validate"]);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain(
      'kiln.yml:17:50 error: json-schema file "schemas/model.schema.json" of asset "model" does not exist',
    );
    expect(result.output).toContain("add the schema at schemas/model.schema.json");
  });

  it("accepts a schema in the checkout", async () => {
    const dir = project(model("schemas/model.schema.json"), { "schemas/model.schema.json": "{}" });
    const result = await kilnIn(dir, ["validate"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/^kiln\.yml is valid: project \S+, 3 assets, 0 sources\n$/);
  });

  it("accepts a schema its own step or a dependency declares as an output, restored before the check", async () => {
    const own = await kilnIn(project(model("build/own.schema.json", ", build/own.schema.json")), [
      "validate",
    ]);
    expect(own.code, own.output).toBe(0);
    expect(own.output).not.toContain("warning");
    const dependency = await kilnIn(project(model("./build/features.schema.json")), ["validate"]);
    expect(dependency.code, dependency.output).toBe(0);
    expect(dependency.output).not.toContain("warning");
  });

  it("warns about a schema that only a dependency's output folder may hold", async () => {
    const result = await kilnIn(project(model("build/schemas/model.json")), ["validate"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(
      'kiln.yml:17:50 warning: json-schema file "build/schemas/model.json" of asset "model" is not in the checkout: the check reads it from the output build/schemas/ of asset "features", if its step writes it there',
    );
  });

  it("refuses a schema another asset writes when it is not a dependency, whose outputs are not restored", async () => {
    const result = await kilnIn(project(model("build/report.schema.json")), ["validate"]);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain(
      'kiln.yml:17:50 error: json-schema file "build/report.schema.json" of asset "model" is an output of asset "report", which "model" does not depend on',
    );
    expect(result.output).toContain("add report to the deps of model");
  });
});
