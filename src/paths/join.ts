// `path.join` for the paths Kiln makes by the thousand (a status of 2,000 assets joined 12,000 of
// them: its ledger's folders, heads logs and record files, the store's objects). Node's join
// normalizes the whole string every time, a few microseconds each in code that runs once per asset
// and is never optimized; these answer with a concatenation whenever that is what join would give,
// and call join otherwise.
import path from "node:path";

/**
 * An empty, `.` or `..` segment, or a backslash (a separator on Windows): a relative path with none
 * of these is already normal, and appending it to a normal folder gives a normal path.
 */
const NOT_PLAIN = /(^|\/)\.{0,2}(\/|$)|\\/;

/** Whether `relative` is a relative path that normalizing leaves as it is (`a/b.json`, not `a//b`). */
export function isPlainRelative(relative: string): boolean {
  // A leading `/` is an empty first segment.
  return !NOT_PLAIN.test(relative);
}

/**
 * A folder whose paths are joined many times: `join(...)` answers as `path.join(folder, ...)`
 * does, without normalizing when the parts are plain (see isPlainRelative).
 */
export class Folder {
  /** The folder as path.join gives it; undefined where a concatenation could differ from join. */
  private readonly base: string | undefined;

  constructor(readonly folder: string) {
    const normal = path.join(folder);
    // The root (`/`) ends with a separator; on Windows join writes backslashes.
    this.base = path.sep === "/" && !normal.endsWith("/") && normal !== "." ? normal : undefined;
  }

  join(...parts: string[]): string {
    const base = this.base;
    if (base === undefined) return path.join(this.folder, ...parts);
    let joined = base;
    for (const part of parts) {
      if (!isPlainRelative(part)) return path.join(this.folder, ...parts);
      joined += `/${part}`;
    }
    return joined;
  }
}

/** The folder resolveIn joined under last: a command resolves its outputs under one project root. */
let lastRoot: Folder | undefined;

/** `path.resolve(root, file)`, by a concatenation where that gives the same string (see Folder). */
export function resolveIn(root: string, file: string): string {
  if (!path.isAbsolute(root) || !isPlainRelative(file)) return path.resolve(root, file);
  if (lastRoot?.folder !== root) lastRoot = new Folder(root);
  return lastRoot.join(file);
}
