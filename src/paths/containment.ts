// The one containment check: a path Kiln writes (an output it clears, stores, restores, pulls or
// downloads) must lie inside the project folder, and so must its real location once the symbolic
// links of its existing parent chain are resolved. The manifest checks the text of a path with
// `lexicalPathProblem` (file:line:col); every writer calls `resolveInside` on the disk as it is
// when it writes, because a `build` folder that is a symlink to `/` looks harmless in kiln.yml.
import { lstat, readlink, realpath } from "node:fs/promises";
import path from "node:path";
import { isPlainRelative, resolveIn } from "./join.js";
import { KILN_DIR_NAME } from "./kiln-dir.js";

export type PathProblem =
  | { kind: "absolute" }
  | { kind: "outside" }
  /** `.` or `./`: the project folder itself, which Kiln would clear before the step. */
  | { kind: "project-folder" }
  /** Inside Kiln's state folder or git's. */
  | { kind: "reserved"; folder: string };

const RESERVED_FOLDERS = [KILN_DIR_NAME, ".git"];

/** Project-relative, `/`-separated, `.` segments dropped; `\` counts as a separator (Windows). */
function normalized(file: string): string {
  return path.posix.normalize(file.replaceAll("\\", "/"));
}

/**
 * What is wrong with a path as written, before touching the disk. `output` adds the rules for paths
 * Kiln writes: not the project folder itself, nothing inside `.kiln` or `.git`.
 */
export function lexicalPathProblem(file: string, options: { output: boolean }): PathProblem | undefined {
  // The usual output (`build/model.json`) is already normal: only its folders to check.
  if (isPlainRelative(file) && !path.win32.isAbsolute(file)) {
    if (!options.output) return undefined;
    const reserved = file.split("/").find((part) => RESERVED_FOLDERS.includes(part));
    return reserved ? { kind: "reserved", folder: reserved } : undefined;
  }
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) return { kind: "absolute" };
  const normal = normalized(file);
  if (normal === ".." || normal.startsWith("../")) return { kind: "outside" };
  if (!options.output) return undefined;
  const parts = normal.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0) return { kind: "project-folder" };
  const reserved = parts.find((part) => RESERVED_FOLDERS.includes(part));
  return reserved ? { kind: "reserved", folder: reserved } : undefined;
}

/** How an output path is compared: `./build/` and `build` are one output. */
export function normalizeOutputPath(output: string): string {
  // Most outputs are written plainly (`build/model.json`): nothing to normalize.
  if (isPlainRelative(output)) return output;
  return path.posix.normalize(output.replaceAll("\\", "/")).replace(/\/+$/, "") || ".";
}

/** Whether normalized path `inner` is `outer` or lies under it (`build/m/x.json` in `build/m`). */
export function pathWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

export type Inside =
  | { ok: true; path: string }
  /** `error` is `file problem`: `build/x resolves to /tmp/x, outside the project folder /repo`. */
  | { ok: false; file: string; problem: string; error: string; hint: string };

function refused(file: string, problem: string, hint: string): Inside {
  return { ok: false, file, problem, error: `${file} ${problem}`, hint };
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * The real location of `target`: the deepest part of it that exists, symlinks resolved, with the
 * rest appended. A dangling symlink on the way is followed to where it points, since writing
 * through it would create its target.
 */
async function realLocation(target: string, depth = 0): Promise<string> {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      if (errno(error) !== "ENOENT" && errno(error) !== "ENOTDIR") throw error;
    }
    const link = await lstat(current).then(
      (info) => (info.isSymbolicLink() ? readlink(current) : undefined),
      () => undefined,
    );
    if (link !== undefined && depth < 40) {
      const pointed = path.resolve(path.dirname(current), link);
      return path.join(await realLocation(pointed, depth + 1), ...rest.reverse());
    }
    const parent = path.dirname(current);
    if (parent === current) return path.join(current, ...rest.reverse());
    rest.push(path.basename(current));
    current = parent;
  }
}

const within = (inner: string, outer: string) => {
  const relative = path.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
};

/**
 * The first half of resolveInside, without touching the disk: enough to read (stat) an output
 * path, never to write one.
 */
export function lexicallyInside(root: string, file: string): Inside {
  const problem = lexicalPathProblem(file, { output: true });
  if (problem) {
    return refused(
      file,
      describePathProblem(problem),
      "outputs are paths inside the project folder (the folder of kiln.yml), such as build/model.bin",
    );
  }
  return { ok: true, path: resolveIn(root, file) };
}

/**
 * Where `file` (relative to `root`) may be written, or why not. Refused: absolute paths, paths
 * climbing out, the project folder itself, `.kiln` and `.git`, and any path whose real location
 * — through a symlinked parent folder, say — is outside the project folder's real location.
 */
export async function resolveInside(root: string, file: string): Promise<Inside> {
  const lexical = lexicallyInside(root, file);
  if (!lexical.ok) return lexical;
  const absolute = lexical.path;
  const [realRoot, real] = await Promise.all([realLocation(path.resolve(root)), realLocation(absolute)]);
  if (!within(real, realRoot)) {
    return refused(
      file,
      `resolves to ${real}, outside the project folder ${realRoot}`,
      "a folder on its way is a symbolic link out of the project: remove the link, or point it inside the project",
    );
  }
  return { ok: true, path: absolute };
}

/** The problem in words, after the path: `../OUT is outside the project folder`. */
export function describePathProblem(problem: PathProblem): string {
  switch (problem.kind) {
    case "absolute":
      return "is an absolute path";
    case "outside":
      return "is outside the project folder";
    case "project-folder":
      return "is the whole project folder";
    case "reserved":
      return `is inside ${problem.folder}, ${problem.folder === KILN_DIR_NAME ? "Kiln's own state folder" : "git's folder"}`;
  }
}

/** Thrown by a store backend asked to read or write outside the project (the chain checks first). */
export class OutsideProjectError extends Error {
  constructor(action: "read" | "write", refused: { file: string; problem: string; hint: string }) {
    super(
      `refusing to ${action} ${refused.file}: it ${refused.problem}; nothing was ${action === "read" ? "read" : "written"} (${refused.hint})`,
    );
    this.name = "OutsideProjectError";
  }
}

/** `resolveInside`, for code that throws: the absolute path, or an OutsideProjectError. */
export async function insideOrThrow(root: string, file: string, action: "read" | "write"): Promise<string> {
  const inside = await resolveInside(root, file);
  if (!inside.ok) throw new OutsideProjectError(action, inside);
  return inside.path;
}
