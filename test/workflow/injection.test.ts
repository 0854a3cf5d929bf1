// Nothing from a manifest becomes a `${{ }}` expression or a line of YAML in the generated
// workflow unless Kiln wrote it.
import { describe, expect, it } from "vitest";
import { parseManifest } from "../../src/manifest/load.js";
import { generateWorkflowFile } from "../../src/workflow/generate.js";

function load(source: string) {
  return parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
}

function errors(source: string) {
  const result = load(source);
  if (result.ok) throw new Error("the manifest loaded; expected errors");
  return result.error.map((d) => ({
    reason: d.reason,
    at: `${d.location.file}:${d.location.range?.line}:${d.location.range?.column}`,
    message: d.message,
  }));
}

describe("expressions from the manifest", () => {
  it("a runs-on label with an expression is a positioned error, not a job that evaluates PR titles", () => {
    expect(
      errors(`version: 1
defaults:
  runs-on: [self-hosted, "\${{ inputs.runner }}"]
assets:
  model:
    run: python train.py
    code-version: "1"
    runs-on: "\${{ github.event.pull_request.title }}"
`),
    ).toEqual([
      {
        reason: "expression-in-runs-on",
        at: "kiln.yml:3:26",
        message:
          'runner label "${{ inputs.runner }}" holds a `${{ }}` expression, which GitHub would evaluate in the generated job',
      },
      {
        reason: "expression-in-runs-on",
        at: "kiln.yml:8:14",
        message:
          'runner label "${{ github.event.pull_request.title }}" holds a `${{ }}` expression, which GitHub would evaluate in the generated job',
      },
    ]);
  });

  it("a branch name git cannot have (a space, a line break) is a positioned error, not text in the workflow's expressions", () => {
    expect(
      errors(`version: 1
assets:
  model: { run: python train.py, code-version: "1", automation: { on_cron: "17 3 * * 1" } }
environments:
  prod: { branches: ["a\\nb: injected", "\${{ inputs.evil }}"] }
`),
    ).toEqual([
      {
        reason: "branch-name",
        at: "kiln.yml:5:22",
        message:
          'branch "a\\nb: injected" of environment "prod" holds a space or a control character, which git allows in no branch name, so no branch would select it',
      },
      {
        reason: "branch-name",
        at: "kiln.yml:5:40",
        message:
          'branch "${{ inputs.evil }}" of environment "prod" holds a space or a control character, which git allows in no branch name, so no branch would select it',
      },
    ]);
  });

  it("a setup step may reference secrets, vars, env and runner, and nothing else", () => {
    const manifest = (run: string) => `version: 1
setup:
  - uses: actions/setup-node@v4
    with: { token: "\${{ secrets.NPM_TOKEN }}", cache: "\${{ vars.CACHE }}" }
  - run: ${JSON.stringify(run)}
assets:
  model: { run: python train.py, code-version: "1" }
`;
    expect(load(manifest("echo ${{ runner.os }} ${{env.HOME}}")).ok).toBe(true);
    for (const run of [
      "echo ${{ github.event.pull_request.title }}",
      "echo ${{ github.head_ref }}",
      "echo ${{ toJSON(secrets) }}",
      "echo ${{ secrets.A }}${{ inputs.x }}",
    ]) {
      expect(errors(manifest(run))).toEqual([
        expect.objectContaining({ reason: "untrusted-expression", at: "kiln.yml:5:10" }),
      ]);
    }
  });

  it("a manifest path with a line break or `${{` is refused rather than written into the header and `with:`", () => {
    const loaded = load("version: 1\nassets:\n  model: { run: python train.py, code-version: '1' }\n");
    if (!loaded.ok) throw new Error("fixture");
    const injected = generateWorkflowFile(loaded.value.project, {
      manifestPath: "ml\non: push\njobs: {}\n#/kiln.yml",
    });
    expect(injected).toEqual({
      ok: false,
      error:
        'the manifest\'s path "ml\\non: push\\njobs: {}\\n#/kiln.yml" holds a line break or another control character, which would inject text into the generated workflow',
      hint: "rename the folder or file so that its path is plain text",
    });
    const expression = generateWorkflowFile(loaded.value.project, {
      manifestPath: "${{ github.head_ref }}/kiln.yml",
    });
    expect(expression.ok).toBe(false);
    expect(generateWorkflowFile(loaded.value.project, { manifestPath: "ml/fraud/kiln.yml" }).ok).toBe(true);
  });
});
