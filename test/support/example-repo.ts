// An example of examples/ copied into a fresh git repository as a user's checkout would hold it:
// only its committed files (a checkout where `npm run demo` ran also holds .kiln/ and build/, which
// would add versions nobody expects), the quickstart's npm packages resolvable, one first commit.
// Used by the history-site tests and by scripts/site-screenshot.ts.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { commitNewRepository } from "./git-script.js";
import { gitIn } from "./kiln-in-process.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ExampleRepo {
  dir: string;
  /** Replaces `from` with `to` in kiln.yml (it must be there) and commits with `message`. */
  change(from: string | RegExp, to: string, message: string): void;
}

export function exampleRepo(
  name: "quickstart" | "xgboost",
  options: { edit?: (manifest: string) => string; prefix?: string } = {},
): ExampleRepo {
  const dir = mkdtempSync(path.join(os.tmpdir(), options.prefix ?? `kiln-${name}-`));
  const example = path.join(ROOT, "examples", name);
  cpSync(example, dir, {
    recursive: true,
    filter: (source) => !/^(\.kiln|build)(\/|$)/.test(path.relative(example, source)),
  });
  if (name === "quickstart") {
    // What an installed quickstart resolves: the data set package and Kiln's step helper.
    mkdirSync(path.join(dir, "node_modules"));
    symlinkSync(path.join(ROOT, "node_modules/vega-datasets"), path.join(dir, "node_modules/vega-datasets"));
    symlinkSync(ROOT, path.join(dir, "node_modules/kiln-ml"));
  }
  writeFileSync(path.join(dir, ".gitignore"), "node_modules\n.kiln\nbuild\n__pycache__\n");
  const manifest = path.join(dir, "kiln.yml");
  if (options.edit) writeFileSync(manifest, options.edit(readFileSync(manifest, "utf8")));
  commitNewRepository(dir, `the ${name} example`);
  return {
    dir,
    change(from, to, message) {
      const text = readFileSync(manifest, "utf8");
      const next = text.replace(from, to);
      if (next === text) throw new Error(`kiln.yml of ${name} has no ${String(from)} to replace`);
      writeFileSync(manifest, next);
      gitIn(dir, "commit", "-qam", message);
    },
  };
}
