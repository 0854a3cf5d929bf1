// Run config set at run time: parsing `--set` and the dispatch input, checking keys and types
// against the asset's config in the chosen environment, and merging into the config.
import { describe, expect, it } from "vitest";
import { parseManifest } from "../../src/manifest/load.js";
import { applyOverrides, overridesFrom, splitConfigInput } from "../../src/manifest/overrides.js";
import { resolveConfig } from "../../src/manifest/project.js";

const result = parseManifest(
  `version: 1
assets:
  model:
    run: "true"
    code-version: "1"
    config:
      max_depth: 6
      subsample: 1.0
      objective: reg:squarederror
      layers: [64, 32]
      optimizer: { name: adam, lr: 0.01 }
environments:
  dev: { config: { model: { subsample: 0.5 } } }
`,
  { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" },
);
if (!result.ok) throw new Error(result.error.map((d) => d.message).join("\n"));
const project = result.value.project;

describe("run config overrides", () => {
  it("types values like the manifest's, reaches nested keys, and overrides the environment's value", () => {
    const read = overridesFrom(project, "dev", [
      "model.max_depth=4",
      "model.objective=reg:absoluteerror",
      'model.optimizer.name="sgd"',
      "model.layers=[128, 64, 32]",
      "model.subsample=0.8",
    ]);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.overrides.texts).toEqual([
      "model.max_depth=4",
      'model.objective="reg:absoluteerror"',
      'model.optimizer.name="sgd"',
      "model.layers=[128,64,32]",
      "model.subsample=0.8",
    ]);
    const model = project.assets.get("model")!;
    expect(applyOverrides(resolveConfig(project, model, "dev"), read.overrides.byAsset.get("model"))).toEqual(
      {
        max_depth: 4,
        objective: "reg:absoluteerror",
        layers: [128, 64, 32],
        optimizer: { name: "sgd", lr: 0.01 },
        subsample: 0.8,
      },
    );
  });

  it("says what is wrong with each bad assignment, with did-you-mean", () => {
    const read = overridesFrom(project, "dev", [
      "model.optimiser.lr=0.1",
      "model.optimizer.rl=0.1",
      "model.max_depth.x=1",
      "model.layers=64",
      "model.max_depth=4",
      "model.max_depth=5",
      "max_depth=4",
    ]);
    expect(read.ok ? [] : read.errors).toEqual([
      '"max_depth=4" is not ASSET.KEY=VALUE, e.g. model.max_depth=4',
      '--set model.optimiser.lr: model has no config key "optimiser"; did you mean "optimizer"? (keys: max_depth, subsample, objective, layers, optimizer)',
      '--set model.optimizer.rl: optimizer has no key "rl"; did you mean "lr"? (keys: name, lr)',
      "--set model.max_depth.x: max_depth is a number, not an object with keys",
      "--set model.layers: 64 is a number, but the manifest's value is a list ([64,32])",
      "--set model.max_depth: set twice",
    ]);
  });

  it("splits the dispatch form's text: spaces inside a value, or a JSON object", () => {
    expect(splitConfigInput("  model.max_depth=4 model.layers=[64, 32]\nmodel.objective=reg:x ")).toEqual({
      texts: ["model.max_depth=4", "model.layers=[64, 32]", "model.objective=reg:x"],
      errors: [],
    });
    expect(splitConfigInput('{"model.max_depth": 4, "model.optimizer.name": "sgd"}')).toEqual({
      texts: ["model.max_depth=4", 'model.optimizer.name="sgd"'],
      errors: [],
    });
    expect(splitConfigInput("")).toEqual({ texts: [], errors: [] });
    expect(splitConfigInput("max_depth 4").errors).toEqual([
      'the config input "max_depth 4" is not ASSET.KEY=VALUE, e.g. model.max_depth=4',
    ]);
    expect(splitConfigInput("{oops").errors[0]).toMatch(/^the config input is not valid JSON/);
  });
});
