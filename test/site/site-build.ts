// Building a synthetic project's site in-process and reading what it wrote, shared by the tests
// that compare sites byte for byte (reuse.test.ts, packed.test.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openWorkspace } from "../../src/app/workspace.js";
import { loadManifest } from "../../src/manifest/load.js";
import { buildSite } from "../../src/site/build.js";

export const NOW = new Date("2026-11-23T12:00:00Z");

/** The workspace of the project in `root`, on its local ledger (or the ledger branch of origin). */
export async function workspace(root: string, ledger: "local" | "branch" = "local") {
  const loaded = loadManifest(path.join(root, "kiln.yml"));
  if (!loaded.ok) throw new Error(loaded.error.map((d) => d.message).join("\n"));
  const opened = await openWorkspace({ project: loaded.value.project, ledger, env: {} });
  if (!opened.ok) throw new Error(opened.error);
  return opened.workspace;
}

/** `kiln site` of the project in `root` into `outDir`, at NOW (on `threads` worker threads). */
export async function build(
  root: string,
  outDir: string,
  repositoryUrl?: string,
  threads?: number,
  ledger: "local" | "branch" = "local",
) {
  const ws = await workspace(root, ledger);
  const result = await buildSite({ workspaces: [ws], outDir, now: NOW, env: {}, repositoryUrl, threads });
  if (!result.ok) throw new Error(result.error);
  return { ...result, problems: ws.ledger.problems() };
}

/** Every file of a directory tree: relative path → content. */
export function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.set(path.relative(dir, file), readFileSync(file, "utf8"));
    }
  return out;
}
