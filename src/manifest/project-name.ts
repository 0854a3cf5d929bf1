// A project's name when the manifest gives none: its folder, as seen from the repository's top
// level (`churn`, `ml-fraud` for ml/fraud/kiln.yml), so every clone and every CI checkout agrees
// on it; the top level's own folder name for a manifest there or outside git. Always a valid name
// ([a-z][a-z0-9_-]*): it names the project's namespace in the ledger and its workflow file.
import { existsSync } from "node:fs";
import path from "node:path";

/** The nearest directory at or above `dir` that holds `.git` (a folder, or a file in worktrees). */
function repositoryTop(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, ".git"))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Lower case, runs of other characters as one `-`, starting with a letter; `kiln` if nothing is left. */
export function toProjectName(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 100);
  return slug || "kiln";
}

export function defaultProjectName(manifestPath: string): string {
  const dir = path.dirname(path.resolve(manifestPath));
  const top = repositoryTop(dir);
  const relative = top ? path.relative(top, dir) : "";
  return toProjectName(relative ? relative.split(path.sep).join("-") : path.basename(top ?? dir));
}
