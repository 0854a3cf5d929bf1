// GitHub evaluates `${{ … }}` wherever it appears in a workflow. Kiln copies some manifest values
// into the generated workflow (runner labels, setup steps), so an expression there would run in
// every generated job: `runs-on: "${{ github.event.pull_request.title }}"` hands a job's runner to
// whoever titles a pull request, and the same in a setup step's `run` is a shell injection.
// Runner labels take no expression at all. Setup steps are workflow steps, and may read what the
// repository's owner controls — `${{ secrets.NAME }}`, `${{ vars.NAME }}`, `${{ env.NAME }}`,
// `${{ runner.os }}` — and nothing else (no event data, no inputs, no functions).
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import type { Manifest } from "./schema.js";

const TRUSTED_REFERENCE = /\$\{\{\s*(?:secrets|vars|env|runner)\.[A-Za-z_][A-Za-z0-9_-]*\s*\}\}/g;

/** True when `text` would make GitHub evaluate something beyond a trusted reference. */
function hasExpression(text: string, trusted: boolean): boolean {
  return (trusted ? text.replace(TRUSTED_REFERENCE, "") : text).includes("${{");
}

type Path = (string | number)[];

/** Every string below `value`, with its path. */
function* strings(value: unknown, at: Path): Generator<[string, Path]> {
  if (typeof value === "string") yield [value, at];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...at, i]);
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) yield* strings(item, [...at, key]);
}

export function expressionDiagnostics(manifest: Manifest, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const runsOn: Array<[unknown, Path]> = [[manifest.defaults["runs-on"], ["defaults", "runs-on"]]];
  for (const [name, asset] of Object.entries(manifest.assets))
    runsOn.push([asset["runs-on"], ["assets", name, "runs-on"]]);
  for (const [value, at] of runsOn) {
    for (const [text, path] of strings(value, at)) {
      if (!hasExpression(text, false)) continue;
      diagnostics.push({
        severity: "error",
        reason: "expression-in-runs-on",
        message: `runner label ${JSON.stringify(text)} holds a \`\${{ }}\` expression, which GitHub would evaluate in the generated job`,
        location: locator.locate(path),
        hint: "write the runner's labels as plain text (ubuntu-latest, [self-hosted, gpu])",
      });
    }
  }
  for (const [text, path] of strings(manifest.setup, ["setup"])) {
    if (!hasExpression(text, true)) continue;
    diagnostics.push({
      severity: "error",
      reason: "untrusted-expression",
      message: `setup step value ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} holds a \`\${{ }}\` expression other than a plain reference to secrets, vars, env or runner; Kiln copies setup steps into every generated job, where event data (pull request titles, branch names) could inject commands`,
      location: locator.locate(path),
      hint: "use only ${{ secrets.NAME }}, ${{ vars.NAME }}, ${{ env.NAME }} or ${{ runner.NAME }} in setup steps",
    });
  }
  return diagnostics;
}
