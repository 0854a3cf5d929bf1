// The step helpers shipped with Kiln (helpers/kiln.py, helpers/kiln.mjs): where they are, and the
// environment that makes `import kiln` work in a Python step without installing anything.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let found: string | null | undefined;

/**
 * The `helpers/` folder of the Kiln package. This module runs from src/run/ (tests, tsx) or from a
 * bundle in dist/ (the CLI, the action), so the folder is found by walking up, not by a fixed
 * relative path. Undefined when Kiln runs without its package around it (a bundle copied alone).
 */
export function stepHelpersDir(): string | undefined {
  if (found !== undefined) return found ?? undefined;
  found = null;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    if (existsSync(path.join(dir, "helpers", "kiln.py"))) {
      found = path.join(dir, "helpers");
      break;
    }
    dir = path.dirname(dir);
  }
  return found ?? undefined;
}

/** Variables to add to a step's environment: the helpers folder first on PYTHONPATH. */
export function stepHelperEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dir = stepHelpersDir();
  if (!dir) return {};
  const pythonPath = base.PYTHONPATH ? `${dir}${path.delimiter}${base.PYTHONPATH}` : dir;
  return { PYTHONPATH: pythonPath, KILN_HELPERS: dir };
}
