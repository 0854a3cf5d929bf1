// A check's name in reports, when the manifest gives none, is what docs/manifest.md promises: the
// metric expression, the output, or the command itself (not `check 2`).
import { describe, expect, it } from "vitest";
import { parseManifest } from "../../src/manifest/load.js";

describe("default check names", () => {
  it("names a check after its metric, output or command", () => {
    const parsed = parseManifest(
      `version: 1
assets:
  model:
    run: python train.py
    outputs: [build/model.json]
    checks:
      - { metric: "mae < 70" }
      - { output: build/model.json }
      - { command: python check_predictions.py }
      - { name: named, command: "true" }
`,
      { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" },
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const checks = parsed.value.project.assets.get("model")?.checks.map((c) => c.name);
    expect(checks).toEqual(["mae < 70", "build/model.json exists", "python check_predictions.py", "named"]);
  });
});
