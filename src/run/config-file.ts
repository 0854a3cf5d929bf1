// The file a step's KILN_CONFIG names: one per asset and config text, beside the asset's run
// folders, read by every materialization of that config. A file written for each materialization
// was a new file each time, and creating a file is the dearest of the few system calls Kiln makes
// for a step (on the benchmark machine's ext4, a new inode cost ~0.2 ms, an eighth of Kiln's own
// CPU per trivial step), while a config rarely changes between runs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sha256 } from "../domain/hash.js";
import { replaceFileSync } from "../paths/place.js";

/**
 * The path of a file in `dir` (which exists) holding exactly `text`, written only when it is missing
 * or holds anything else (a step that wrote to its KILN_CONFIG, a write a kill cut short), and then
 * replaced whole by temp+rename: a step reading it never reads half of one. Its name holds the
 * project's (`owner`): materializations of one project's asset in a workspace never run at once
 * (workspace-lock.ts), so none rewrites it under another's step, and another manifest beside this
 * one with an asset of the same name has files of its own. One that cannot be written throws, and
 * the asset fails with the system's message.
 */
export function configFile(dir: string, owner: string, text: string): string {
  const file = path.join(dir, `config-${sha256(`${owner}\0${text}`).slice(0, 16)}.json`);
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // Not written yet (or unreadable): written below, where a real problem surfaces.
  }
  if (current === text) return file;
  replaceFileSync(file, text);
  return file;
}
