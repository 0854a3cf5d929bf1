// Gitignored files a pattern may mean. Git's file list leaves ignored files out, so a pattern that
// matches nothing tracked or untracked (`inputs: [big/x.csv]` with `big/` in .gitignore, as DVC
// users keep their data) is looked up among the ignored files under its literal folder; what it
// matches there is hashed like any untracked file. Asked only for such patterns: a checkout's
// ignored folders (node_modules, virtual environments) can hold far more files than git lists.
import { turnBatch } from "../domain/turn-batch.js";
import { ignoredFiles } from "../git/repo.js";

/** The ignored files under project-relative folders, asked of git once per folder per command. */
export interface IgnoredFiles {
  /** The project-relative ignored files under `folder` ("" for the project), sorted. */
  under(folder: string): Promise<readonly string[]>;
  /** The same, when asked before (or seeded by a memo's check): synchronous. */
  known(folder: string): readonly string[] | undefined;
  /** Whether `file` is one of the ignored files found so far. */
  includes(file: string): boolean;
  /** How many ignored files were found so far. */
  readonly found: number;
  /** Every folder asked and its answer: a memo of what they decided asks them again. */
  answered(): ReadonlyMap<string, readonly string[]>;
}

/**
 * `top`: the repository's top level; `prefix`: the project's folder from there ("" at the top).
 * Folders asked in one turn of the event loop (every asset's fingerprint is started in one) go to
 * git in one process.
 */
export function ignoredFilesOf(
  top: string,
  prefix: string,
  /** Files never taken: Kiln's state, node_modules (see fingerprint.ts). */
  skipped: (file: string) => boolean,
): IgnoredFiles {
  const answers = new Map<string, readonly string[]>();
  const asked = new Map<string, Promise<readonly string[]>>();
  const found = new Set<string>();
  const strip = prefix ? `${prefix}/` : "";
  const ask = turnBatch((folders: string[]) =>
    ignoredFiles(
      top,
      folders.map((f) => (f === "" ? prefix : `${strip}${f}`)),
    ),
  );
  return {
    under(folder) {
      let pending = asked.get(folder);
      if (!pending) {
        pending = ask(folder).done.then((all) => {
          const inside = folder === "" ? "" : `${folder}/`;
          const files = all
            .filter((file) => file.startsWith(strip))
            .map((file) => file.slice(strip.length))
            .filter((file) => (file === folder || file.startsWith(inside)) && !skipped(file))
            .sort();
          answers.set(folder, files);
          for (const file of files) found.add(file);
          return files;
        });
        asked.set(folder, pending);
      }
      return pending;
    },
    known: (folder) => answers.get(folder),
    includes: (file) => found.has(file),
    get found() {
      return found.size;
    },
    answered: () => answers,
  };
}
