import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/domain/errors.ts
var UserError = class extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
    this.name = "UserError";
  }
  hint;
};
function isSystemError(error) {
  const e = error;
  return e instanceof Error && typeof e.code === "string" && /^E[A-Z0-9]+$/.test(e.code) && typeof e.syscall === "string";
}
var WHAT_TO_DO = {
  ENOSPC: "free space and rerun",
  EDQUOT: "free space (or raise the disk quota) and rerun",
  ENOENT: "check that the path and its folder exist",
  ENOTDIR: "a part of the path is a file, not a folder: check the path",
  EISDIR: "the path is a folder where a file was expected: remove or rename it",
  EACCES: "check the file's permissions",
  EPERM: "check the file's permissions",
  EROFS: "the file system is read-only: run where Kiln can write",
  EMFILE: "too many open files: raise the limit (ulimit -n) and rerun",
  ENFILE: "too many open files on the system: rerun when fewer are open"
};
function fromSystemError(error, what) {
  const description = error.message.replace(/^E[A-Z0-9]+: /, "").replace(/, \w+( '.*')?$/s, "");
  const target = what ?? error.path;
  return new UserError(
    target ? `cannot ${error.syscall} ${target}: ${description}` : `${error.syscall} failed: ${description}`,
    WHAT_TO_DO[error.code]
  );
}

// src/cli/errors.ts
import { readFileSync } from "node:fs";

// src/manifest/diagnostics.ts
function position(location) {
  const r = location.range;
  return r ? `${location.file}:${r.line}:${r.column}` : location.file;
}
function excerpt(lines, range) {
  if (lines === void 0 || range === void 0) return [];
  const text = lines[range.line - 1];
  if (text === void 0) return [];
  const start = Math.max(range.column - 1, 0);
  const end = range.endLine === range.line ? Math.max(range.endColumn - 1, start + 1) : Math.max(text.length, start + 1);
  const gutter = String(range.line);
  const pad = " ".repeat(gutter.length);
  return [
    `${pad} |`,
    `${gutter} | ${text}`,
    `${pad} | ${" ".repeat(start)}${"^".repeat(Math.min(end, Math.max(text.length, start + 1)) - start)}`
  ];
}
function sourceLines(options) {
  const cache = /* @__PURE__ */ new Map();
  return (file) => {
    if (!cache.has(file)) cache.set(file, options.readSource?.(file)?.split(/\r?\n/));
    return cache.get(file);
  };
}
function formatWithLines(d, linesOf) {
  const out = [`${position(d.location)} ${d.severity}: ${d.message}`];
  if (d.location.range) out.push(...excerpt(linesOf(d.location.file), d.location.range));
  for (const related of d.related ?? []) {
    out.push(`  ${position(related)} note: ${related.message}`);
  }
  if (d.hint) out.push(`  hint: ${d.hint}`);
  return out.join("\n");
}
function formatDiagnostics(diagnostics, options = {}) {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const linesOf = sourceLines(options);
  const body = diagnostics.map((d) => formatWithLines(d, linesOf)).join("\n\n");
  const counts = [
    errors && `${errors} error${errors === 1 ? "" : "s"}`,
    warnings && `${warnings} warning${warnings === 1 ? "" : "s"}`
  ].filter(Boolean).join(", ");
  return counts ? `${body}

${counts}` : body;
}

// src/cli/errors.ts
var DiagnosticsError = class extends Error {
  constructor(diagnostics, files) {
    super(`${diagnostics.length} problem(s) in the manifest`);
    this.diagnostics = diagnostics;
    this.files = files;
    this.name = "DiagnosticsError";
  }
  diagnostics;
  files;
};
var ExitCode = class extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
    this.name = "ExitCode";
  }
  code;
};
function printDiagnostics(diagnostics, files, write) {
  const readSource = (file) => {
    try {
      return readFileSync(files[file] ?? file, "utf8");
    } catch {
      return void 0;
    }
  };
  write(`${formatDiagnostics(diagnostics, { readSource })}
`);
}
var BUG_REPORT_URL = "https://github.com/kiln-ml/kiln/issues";
function userErrorText(message, hint) {
  return `kiln: error: ${message}
${hint ? `  hint: ${hint}
` : ""}`;
}
function reportError(error, write) {
  if (error instanceof ExitCode) return error.code;
  if (error instanceof DiagnosticsError) {
    printDiagnostics(error.diagnostics, error.files, write);
    return 1;
  }
  const user = error instanceof UserError ? error : isSystemError(error) ? fromSystemError(error) : void 0;
  if (user) {
    write(userErrorText(user.message, user.hint));
    if (process.env.KILN_DEBUG && user !== error && error instanceof Error) write(`${error.stack}
`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(
    `kiln: internal error: ${message}
This is a bug in Kiln. Please report it at ${BUG_REPORT_URL} with the command you ran (set KILN_DEBUG=1 to print the stack trace).
`
  );
  if (process.env.KILN_DEBUG && error instanceof Error && error.stack) write(`${error.stack}
`);
  return 2;
}

// src/domain/hash.ts
import * as crypto from "node:crypto";
var { createHash } = crypto;
var oneShotHash = crypto.hash;
function sha256(text) {
  return oneShotHash ? oneShotHash("sha256", text, "hex") : createHash("sha256").update(text).digest("hex");
}
function sha256OfPieces(pieces) {
  const hash2 = createHash("sha256");
  for (const piece of pieces) hash2.update(piece);
  return hash2.digest("hex");
}

// src/git/repo.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";

// src/git/exec.ts
import { spawn, spawnSync } from "node:child_process";
function spawnGit(args, cwd, env = {}) {
  return spawn("git", args, { cwd, env: gitEnv(env), stdio: ["pipe", "pipe", "pipe"] });
}
function gitEnv(env) {
  return { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...env };
}
function gitBytesSync(args, options) {
  const result = spawnSync("git", args, {
    cwd: options.cwd,
    env: gitEnv(options.env ?? {}),
    input: options.input,
    maxBuffer: Number.MAX_SAFE_INTEGER
  });
  if (result.error)
    throw new GitError(`could not run git: ${result.error.message}; is git installed and on PATH?`, args, "");
  return succeeded(args, {
    code: result.status ?? 1,
    stderr: result.stderr.toString("utf8"),
    stdout: result.stdout
  }).stdout;
}
async function runGit(args, options) {
  const result = await runGitBytes(args, options);
  return {
    code: result.code,
    stdout: Buffer.concat(result.stdout).toString(options.encoding ?? "utf8"),
    stderr: result.stderr
  };
}
function runGitBytes(args, options) {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options.cwd, options.env);
    const out = [];
    const err = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on(
      "error",
      (error) => reject(new GitError(`could not run git: ${error.message}; is git installed and on PATH?`, args, ""))
    );
    child.on(
      "close",
      (code) => resolve({ code: code ?? 1, stdout: out, stderr: Buffer.concat(err).toString("utf8") })
    );
    child.stdin.on("error", () => {
    });
    child.stdin.end(options.input ?? "");
  });
}
var GitError = class extends Error {
  constructor(message, args, stderr) {
    super(message);
    this.args = args;
    this.stderr = stderr;
    this.name = "GitError";
  }
  args;
  stderr;
};
async function git(args, options) {
  return succeeded(args, await runGit(args, options)).stdout;
}
async function gitBytes(args, options) {
  return succeeded(args, await runGitBytes(args, options)).stdout;
}
function succeeded(args, result) {
  if (result.code !== 0) {
    throw new GitError(
      `git ${args.join(" ")} failed: ${result.stderr.trim() || `exit code ${result.code}`}`,
      args,
      result.stderr
    );
  }
  return result;
}

// src/git/repo.ts
async function repoRoot(cwd) {
  try {
    const result = await runGit(["rev-parse", "--show-toplevel"], { cwd });
    return result.code === 0 ? result.stdout.trim() : void 0;
  } catch {
    return void 0;
  }
}
var ORIGIN_HEAD = "refs/remotes/origin/HEAD";
async function checkout(cwd) {
  let result;
  try {
    result = await runGit(
      [
        "rev-parse",
        "--show-toplevel",
        "--is-shallow-repository",
        "--git-path",
        "index",
        "HEAD",
        "--symbolic-full-name",
        "HEAD",
        "--revs-only",
        ORIGIN_HEAD
      ],
      { cwd }
    );
  } catch {
    return void 0;
  }
  const [top, shallow, indexPath, head, ref, originHead] = result.stdout.split("\n");
  const refLine = ref === "HEAD" || ref?.startsWith("refs/heads/");
  if (result.code === 0 && top && head && refLine) {
    return {
      top,
      head,
      // `refs/heads/<branch>`, or `HEAD` itself when detached.
      branch: ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) || void 0 : void 0,
      shallow: shallow === "true",
      remoteDefaultBranch: remoteBranchOf(originHead),
      // Printed relative to the directory git ran in.
      indexFile: indexPath ? path.resolve(cwd, indexPath) : void 0
    };
  }
  if (!top) return void 0;
  const root = await repoRoot(cwd);
  if (!root) return void 0;
  const [branch, commit, remoteDefault] = await Promise.all([
    currentBranch(root),
    headCommit(root),
    remoteDefaultBranch(root)
  ]);
  return { top: root, head: commit, branch, shallow: shallow === "true", remoteDefaultBranch: remoteDefault };
}
function remoteBranchOf(full) {
  const prefix = "refs/remotes/origin/";
  if (!full?.startsWith(prefix) || full === ORIGIN_HEAD) return void 0;
  return full.slice(prefix.length) || void 0;
}
async function headCommit(root) {
  const result = await runGit(["rev-parse", "--verify", "-q", "HEAD"], { cwd: root });
  return result.code === 0 ? result.stdout.trim() : void 0;
}
async function currentBranch(root) {
  const result = await runGit(["symbolic-ref", "-q", "HEAD"], { cwd: root });
  const ref = result.stdout.trim();
  return result.code === 0 && ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) || void 0 : void 0;
}
var INDEX_ARGS = ["ls-files", "-s", "-z"];
function parseIndexEntries(out) {
  const paths = [];
  const blobs = [];
  const symlinks = /* @__PURE__ */ new Set();
  for (let start = 0; start < out.length; ) {
    let end = out.indexOf("\0", start);
    if (end < 0) end = out.length;
    const tab = out.indexOf("	", start);
    const space = out.indexOf(" ", start);
    if (tab > 0 && tab < end && space > 0 && space < tab) {
      blobs.push(out.slice(space + 1, out.indexOf(" ", space + 1)));
      const file = out.slice(tab + 1, end);
      paths.push(file);
      if (out.startsWith("120000 ", start)) symlinks.add(file);
    }
    start = end + 1;
  }
  return { paths, blobs, symlinks };
}
var STATUS_ARGS = ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"];
function parseChangedPaths(out) {
  const changed = /* @__PURE__ */ new Set();
  const untracked = /* @__PURE__ */ new Set();
  const deleted = /* @__PURE__ */ new Set();
  for (const record of out.split("\0")) {
    if (record.length < 4) continue;
    const status = record.slice(0, 2);
    const file = record.slice(3);
    if (status === "??") untracked.add(file.endsWith("/") ? file.slice(0, -1) : file);
    else if (status[1] === "D" && status[0] !== "U" || status === "D ") deleted.add(file);
    else changed.add(file);
  }
  return { changed, untracked, deleted };
}
function indexChecksum(indexFile) {
  let fd;
  try {
    fd = openSync(indexFile, "r");
    const { size } = fstatSync(fd);
    const tail = Buffer.alloc(32);
    if (size < tail.length || readSync(fd, tail, 0, tail.length, size - tail.length) !== tail.length)
      return void 0;
    if (tail.subarray(12).every((byte) => byte === 0)) return void 0;
    return `index-file:${size}:${tail.toString("hex")}`;
  } catch {
    return void 0;
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
async function checkoutFiles(root, indexFile) {
  const checksum = indexFile === void 0 ? void 0 : indexChecksum(indexFile);
  const [listed, status] = await Promise.all([
    checksum === void 0 ? gitBytes(INDEX_ARGS, { cwd: root }) : void 0,
    gitBytes(STATUS_ARGS, { cwd: root })
  ]);
  let index = listed;
  let loading;
  let indexDigest = checksum;
  let statusDigest;
  let entries;
  let changes;
  const text = (pieces) => Buffer.concat(pieces).toString("utf8");
  const readListing = (pieces) => {
    if (index) return;
    index = pieces;
    if (checksum !== void 0 && indexChecksum(indexFile) !== checksum)
      indexDigest = sha256OfPieces(pieces);
  };
  const listing = () => {
    if (!index) readListing([gitBytesSync(INDEX_ARGS, { cwd: root })]);
    return index;
  };
  return {
    get indexDigest() {
      indexDigest ??= sha256OfPieces(listing());
      return indexDigest;
    },
    get statusDigest() {
      statusDigest ??= sha256OfPieces(status);
      return statusDigest;
    },
    loadEntries() {
      loading ??= index ? Promise.resolve() : gitBytes(INDEX_ARGS, { cwd: root }).then(readListing);
      return loading;
    },
    get entries() {
      entries ??= parseIndexEntries(text(listing()));
      return entries;
    },
    get changes() {
      changes ??= parseChangedPaths(text(status));
      return changes;
    }
  };
}
function startCheckoutReads(cwd) {
  const found = checkout(cwd);
  const read = found.then((c) => c ? checkoutFiles(c.top, c.indexFile) : void 0);
  let files = read;
  found.catch(() => {
  });
  files.catch(() => {
  });
  return {
    cwd,
    checkout: found,
    takeFiles: () => {
      const taken = files;
      files = void 0;
      return taken;
    },
    peekFiles: () => read
  };
}
async function mergeBase(root, a, b) {
  const result = await runGit(["merge-base", a, b], { cwd: root });
  return result.code === 0 ? result.stdout.trim() : void 0;
}
async function headParents(root) {
  const result = await runGit(["rev-list", "--parents", "-n", "1", "HEAD"], { cwd: root });
  if (result.code !== 0) return [];
  const [, ...parents] = result.stdout.trim().split(" ");
  const present = await ancestryOf(root, parents);
  return parents.filter((sha) => present.present.has(sha));
}
async function changesSinceBase(root, bases) {
  for (const base of bases) {
    const found = await mergeBase(root, "HEAD", base);
    if (!found) continue;
    const [diff, untracked] = await Promise.all([
      runGit(["diff", "--name-only", "-z", "--no-renames", found, "--"], { cwd: root }),
      runGit(["ls-files", "-z", "--others", "--exclude-standard"], { cwd: root })
    ]);
    if (diff.code !== 0 || untracked.code !== 0) return void 0;
    const paths = /* @__PURE__ */ new Set([...diff.stdout.split("\0"), ...untracked.stdout.split("\0")]);
    paths.delete("");
    return { mergeBase: found, paths: [...paths].sort() };
  }
  return void 0;
}
async function isAncestor(root, ancestor, descendant) {
  const result = await runGit(["merge-base", "--is-ancestor", ancestor, descendant], { cwd: root });
  return result.code === 0;
}
async function remoteUrl(root, remote = "origin") {
  const result = await runGit(["remote", "get-url", remote], { cwd: root });
  return result.code === 0 ? result.stdout.trim() || void 0 : void 0;
}
async function filesNamed(root, names) {
  const out = await git(
    [
      "ls-files",
      "-z",
      "--cached",
      "--others",
      "--exclude-standard",
      "--",
      ...names.map((n) => `:(glob)**/${n}`),
      ":(exclude,glob)**/.github/**"
    ],
    { cwd: root }
  );
  return [...new Set(out.split("\0").filter((f) => f !== ""))].sort();
}
async function remoteDefaultBranch(root) {
  const result = await runGit(["rev-parse", "--symbolic-full-name", "--revs-only", ORIGIN_HEAD], {
    cwd: root
  });
  return result.code === 0 ? remoteBranchOf(result.stdout.trim()) : void 0;
}
async function headHistory(root) {
  const walk = await runGit(["rev-list", "HEAD"], { cwd: root });
  return new Set(walk.code === 0 ? walk.stdout.split("\n").filter((sha) => sha !== "") : []);
}
async function ancestryOf(root, commits, known = {}) {
  const wanted = new Set(commits);
  const [history, shallow] = await Promise.all([
    known.history ?? headHistory(root),
    // Known from `checkout` when the workspace asked; a clone does not become shallow mid-command.
    known.shallow === void 0 ? runGit(["rev-parse", "--is-shallow-repository"], { cwd: root }).then(
      (r) => r.stdout.trim() === "true"
    ) : known.shallow
  ]);
  const ancestors = /* @__PURE__ */ new Set();
  for (const sha of wanted) if (history.has(sha)) ancestors.add(sha);
  const present = new Set(ancestors);
  const others = [...wanted].filter((sha) => !ancestors.has(sha));
  if (others.length > 0) {
    const check = await runGit(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
      cwd: root,
      input: `${others.join("\n")}
`
    });
    for (const line of check.stdout.split("\n")) {
      const [sha, type] = line.split(" ");
      if (type === "commit" && sha && wanted.has(sha)) present.add(sha);
    }
  }
  return { ancestors, present, shallow };
}
function stdinPath(file) {
  if (!file.startsWith('"') && !file.endsWith("\r") && !file.includes("\n")) return file;
  const escaped = file.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  return `"${escaped}"`;
}
async function ignoredFiles(root, folders) {
  if (folders.length === 0) return [];
  const out = await git(
    [
      "ls-files",
      "-z",
      "--others",
      "--ignored",
      "--exclude-standard",
      "--",
      ...folders.map((folder) => folder === "" ? "." : `:(literal)${folder}`)
    ],
    { cwd: root }
  );
  return out.split("\0").filter((file) => file !== "");
}
async function hashObjects(root, paths) {
  if (paths.length === 0) return [];
  const input = `${paths.map(stdinPath).join("\n")}
`;
  const out = await git(["hash-object", "--stdin-paths"], { cwd: root, input });
  const ids = out.split("\n").filter((line) => line !== "");
  if (ids.length !== paths.length)
    throw new Error(`bug: git hash-object answered ${ids.length} ids for ${paths.length} paths`);
  return ids;
}

// src/paths/kiln-dir.ts
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path2 from "node:path";
var KILN_DIR_NAME = ".kiln";
var KILN_DIR_GITIGNORE = "# Kiln's local ledger, store, run logs and reports: never commit them.\n*\n";
function kilnDir(root) {
  return path2.join(root, KILN_DIR_NAME);
}
function kilnTempDir(root) {
  return path2.join(kilnDir(root), "tmp");
}
async function ignoreKilnDir(dir) {
  const file = path2.join(dir, ".gitignore");
  if (existsSync(file)) return false;
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(file, KILN_DIR_GITIGNORE, { flag: "wx" });
    return true;
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  }
}
function enclosingKilnDir(dir) {
  let current = path2.resolve(dir);
  for (; ; ) {
    if (path2.basename(current) === KILN_DIR_NAME) return current;
    const parent = path2.dirname(current);
    if (parent === current) return void 0;
    current = parent;
  }
}
async function makeStateDir(dir) {
  const created = await mkdir(dir, { recursive: true });
  if (created === void 0) return;
  const kiln = enclosingKilnDir(dir);
  if (kiln) await ignoreKilnDir(kiln);
}
function makeStateDirSync(dir) {
  const created = mkdirSync(dir, { recursive: true });
  if (created === void 0) return;
  const kiln = enclosingKilnDir(dir);
  if (!kiln || ignoring.has(kiln)) return;
  const file = path2.join(kiln, ".gitignore");
  try {
    writeFileSync(file, KILN_DIR_GITIGNORE, { flag: "wx" });
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  ignoring.add(kiln);
}
var ignoring = /* @__PURE__ */ new Set();

// src/domain/kiln-version.ts
import { readFileSync as readFileSync2 } from "node:fs";
var fromSource;
function kilnVersion() {
  if (true) return "0.1.0";
  fromSource ??= JSON.parse(readFileSync2(new URL("../../package.json", import.meta.url), "utf8")).version;
  return fromSource;
}

// src/paths/containment.ts
import { lstat, readlink, realpath } from "node:fs/promises";
import path4 from "node:path";

// src/paths/join.ts
import path3 from "node:path";
var NOT_PLAIN = /(^|\/)\.{0,2}(\/|$)|\\/;
function isPlainRelative(relative) {
  return !NOT_PLAIN.test(relative);
}
var Folder = class {
  constructor(folder) {
    this.folder = folder;
    const normal = path3.join(folder);
    this.base = path3.sep === "/" && !normal.endsWith("/") && normal !== "." ? normal : void 0;
  }
  folder;
  /** The folder as path.join gives it; undefined where a concatenation could differ from join. */
  base;
  join(...parts) {
    const base = this.base;
    if (base === void 0) return path3.join(this.folder, ...parts);
    let joined = base;
    for (const part of parts) {
      if (!isPlainRelative(part)) return path3.join(this.folder, ...parts);
      joined += `/${part}`;
    }
    return joined;
  }
};
var lastRoot;
function resolveIn(root, file) {
  if (!path3.isAbsolute(root) || !isPlainRelative(file)) return path3.resolve(root, file);
  if (lastRoot?.folder !== root) lastRoot = new Folder(root);
  return lastRoot.join(file);
}

// src/paths/containment.ts
var RESERVED_FOLDERS = [KILN_DIR_NAME, ".git"];
function normalized(file) {
  return path4.posix.normalize(file.replaceAll("\\", "/"));
}
function lexicalPathProblem(file, options) {
  if (isPlainRelative(file) && !path4.win32.isAbsolute(file)) {
    if (!options.output) return void 0;
    const reserved2 = file.split("/").find((part) => RESERVED_FOLDERS.includes(part));
    return reserved2 ? { kind: "reserved", folder: reserved2 } : void 0;
  }
  if (path4.posix.isAbsolute(file) || path4.win32.isAbsolute(file)) return { kind: "absolute" };
  const normal = normalized(file);
  if (normal === ".." || normal.startsWith("../")) return { kind: "outside" };
  if (!options.output) return void 0;
  const parts = normal.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0) return { kind: "project-folder" };
  const reserved = parts.find((part) => RESERVED_FOLDERS.includes(part));
  return reserved ? { kind: "reserved", folder: reserved } : void 0;
}
function normalizeOutputPath(output) {
  if (isPlainRelative(output)) return output;
  return path4.posix.normalize(output.replaceAll("\\", "/")).replace(/\/+$/, "") || ".";
}
function pathWithin(inner, outer) {
  return inner === outer || inner.startsWith(`${outer}/`);
}
function refused(file, problem, hint) {
  return { ok: false, file, problem, error: `${file} ${problem}`, hint };
}
var errno = (error) => error.code;
async function realLocation(target, depth = 0) {
  const rest = [];
  let current = target;
  for (; ; ) {
    try {
      return path4.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      if (errno(error) !== "ENOENT" && errno(error) !== "ENOTDIR") throw error;
    }
    const link = await lstat(current).then(
      (info) => info.isSymbolicLink() ? readlink(current) : void 0,
      () => void 0
    );
    if (link !== void 0 && depth < 40) {
      const pointed = path4.resolve(path4.dirname(current), link);
      return path4.join(await realLocation(pointed, depth + 1), ...rest.reverse());
    }
    const parent = path4.dirname(current);
    if (parent === current) return path4.join(current, ...rest.reverse());
    rest.push(path4.basename(current));
    current = parent;
  }
}
var within = (inner, outer) => {
  const relative = path4.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path4.isAbsolute(relative);
};
function lexicallyInside(root, file) {
  const problem = lexicalPathProblem(file, { output: true });
  if (problem) {
    return refused(
      file,
      describePathProblem(problem),
      "outputs are paths inside the project folder (the folder of kiln.yml), such as build/model.bin"
    );
  }
  return { ok: true, path: resolveIn(root, file) };
}
async function resolveInside(root, file) {
  const lexical = lexicallyInside(root, file);
  if (!lexical.ok) return lexical;
  const absolute = lexical.path;
  const [realRoot, real] = await Promise.all([realLocation(path4.resolve(root)), realLocation(absolute)]);
  if (!within(real, realRoot)) {
    return refused(
      file,
      `resolves to ${real}, outside the project folder ${realRoot}`,
      "a folder on its way is a symbolic link out of the project: remove the link, or point it inside the project"
    );
  }
  return { ok: true, path: absolute };
}
function describePathProblem(problem) {
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
var OutsideProjectError = class extends Error {
  constructor(action, refused2) {
    super(
      `refusing to ${action} ${refused2.file}: it ${refused2.problem}; nothing was ${action === "read" ? "read" : "written"} (${refused2.hint})`
    );
    this.name = "OutsideProjectError";
  }
};
async function insideOrThrow(root, file, action) {
  const inside = await resolveInside(root, file);
  if (!inside.ok) throw new OutsideProjectError(action, inside);
  return inside.path;
}

// src/paths/place.ts
import { randomUUID } from "node:crypto";
import { renameSync, rmSync, unlinkSync, writeFileSync as writeFileSync2 } from "node:fs";
import { copyFile, mkdir as mkdir2, rename, rm } from "node:fs/promises";
import path5 from "node:path";
async function moveInto(temp, dest) {
  await mkdir2(path5.dirname(dest), { recursive: true });
  try {
    await rename(temp, dest);
    return;
  } catch (error) {
    if (error.code !== "EXDEV") throw error;
  }
  const near = path5.join(path5.dirname(dest), `.kiln-tmp-${randomUUID()}`);
  try {
    await copyFile(temp, near);
    await rename(near, dest);
  } finally {
    await rm(near, { force: true });
  }
}
async function writeInto(root, file, produce) {
  const dest = await insideOrThrow(root, file, "write");
  const dir = kilnTempDir(root);
  await makeStateDir(dir);
  const temp = path5.join(dir, randomUUID());
  try {
    await produce(temp);
    await moveInto(temp, dest);
  } finally {
    await rm(temp, { force: true });
  }
}
function replaceFileSync(file, text) {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    writeFileSync2(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
function removeFileSync(file) {
  try {
    unlinkSync(file);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}

// src/manifest/project-name.ts
import { existsSync as existsSync2 } from "node:fs";
import path6 from "node:path";
function repositoryTop(dir) {
  let current = path6.resolve(dir);
  for (; ; ) {
    if (existsSync2(path6.join(current, ".git"))) return current;
    const parent = path6.dirname(current);
    if (parent === current) return void 0;
    current = parent;
  }
}
function toProjectName(text) {
  const slug = text.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "").slice(0, 100);
  return slug || "kiln";
}
function defaultProjectName(manifestPath) {
  const dir = path6.dirname(path6.resolve(manifestPath));
  const top = repositoryTop(dir);
  const relative = top ? path6.relative(top, dir) : "";
  return toProjectName(relative ? relative.split(path6.sep).join("-") : path6.basename(top ?? dir));
}

// src/manifest/cache.ts
import path8 from "node:path";

// src/paths/state-cache.ts
import { createHash as createHash2, randomUUID as randomUUID2 } from "node:crypto";
import { existsSync as existsSync3, mkdirSync as mkdirSync2, readdirSync, readFileSync as readFileSync3, statSync } from "node:fs";
import path7 from "node:path";
import { fileURLToPath } from "node:url";
var running;
function runningBuild() {
  if (true) return "374469e44fe573d8";
  try {
    const src = path7.resolve(path7.dirname(fileURLToPath(import.meta.url)), "..");
    const hash2 = createHash2("sha256");
    for (const name of readdirSync(src, { recursive: true, encoding: "utf8" }).sort()) {
      const stat = statSync(path7.join(src, name));
      if (stat.isFile()) hash2.update(`${name}\0${stat.size}\0${stat.mtimeMs}
`);
    }
    return `src-${hash2.digest("hex").slice(0, 16)}`;
  } catch {
    return `unknown-${randomUUID2()}`;
  }
}
function cacheStamp(format) {
  running ??= runningBuild();
  return `${format} ${kilnVersion()} ${process.version} ${running}`;
}
function cacheFile(kilnDir2, name) {
  return path7.join(kilnDir2, "cache", name);
}
function readCacheText(file) {
  try {
    return readFileSync3(file, "utf8");
  } catch {
    return void 0;
  }
}
function writeCacheText(kilnDir2, file, text) {
  if (!existsSync3(path7.join(kilnDir2, ".gitignore"))) return;
  try {
    mkdirSync2(path7.dirname(file), { recursive: true });
    replaceFileSync(file, text);
  } catch {
  }
}
function onceAfterBurst(save) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      save();
    });
  };
}

// src/manifest/cache.ts
var CACHE_FORMAT = 3;
function cacheFile2(manifestPath) {
  return cacheFile(kilnDirOf(manifestPath), `manifest-${path8.basename(manifestPath)}.json`);
}
function kilnDirOf(manifestPath) {
  return path8.join(path8.dirname(manifestPath), KILN_DIR_NAME);
}
var stamp = () => cacheStamp(CACHE_FORMAT);
var manifestHash = sha256;
var MAP_TAG = "\0map";
var NotCacheable = class extends Error {
};
function replacer(_key, value) {
  if (value instanceof Map) return { [MAP_TAG]: [...value] };
  if (typeof value === "number" && !Number.isFinite(value)) throw new NotCacheable();
  if (value === void 0 && Array.isArray(this)) throw new NotCacheable();
  return value;
}
function mapPaths(value, at = [], found = []) {
  if (value === null || typeof value !== "object") return found;
  if (value instanceof Map) {
    let i = 0;
    for (const member of value.values()) mapPaths(member, [...at, MAP_TAG, i++, 1], found);
    found.push(at);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) mapPaths(value[i], [...at, i], found);
  } else for (const [key, member] of Object.entries(value)) mapPaths(member, [...at, key], found);
  return found;
}
function reviveMaps(project, paths) {
  if (!Array.isArray(paths)) return false;
  for (const path11 of paths) {
    if (!Array.isArray(path11)) return false;
    let holder;
    let value = project;
    for (const key of path11) {
      if (value === null || typeof value !== "object") return false;
      holder = value;
      value = value[key];
    }
    const entries = value !== null && typeof value === "object" && Object.hasOwn(value, MAP_TAG) ? value[MAP_TAG] : void 0;
    if (!Array.isArray(entries)) return false;
    const map = new Map(entries);
    if (path11.length === 0) return false;
    Object.defineProperty(holder, path11[path11.length - 1], {
      value: map,
      enumerable: true,
      writable: true,
      configurable: true
    });
  }
  return true;
}
function relocate(location, file) {
  return { ...location, file };
}
function withFile(diagnostic, file) {
  return {
    ...diagnostic,
    location: relocate(diagnostic.location, file),
    ...diagnostic.related ? { related: diagnostic.related.map((r) => ({ ...r, file })) } : {}
  };
}
function readCachedManifest(manifestPath, hash2, display) {
  const cached = readCacheText(cacheFile2(manifestPath));
  if (cached === void 0) return void 0;
  let entry;
  try {
    entry = JSON.parse(cached);
  } catch {
    return void 0;
  }
  if (typeof entry !== "object" || entry === null || entry.stamp !== stamp() || entry.hash !== hash2 || entry.manifestPath !== manifestPath || typeof entry.project !== "object" || entry.project === null || !Array.isArray(entry.warnings) || !reviveMaps(entry.project, entry.maps))
    return void 0;
  const stored = entry.project;
  if (!(stored.assets instanceof Map) || !(stored.sources instanceof Map) || !(stored.environments instanceof Map))
    return void 0;
  const relocated = (specs) => {
    for (const [name, spec] of specs)
      if (spec.location.file !== display)
        specs.set(name, { ...spec, location: relocate(spec.location, display) });
    return specs;
  };
  const project = {
    ...stored,
    // A folder-named project follows the repository around it, which the manifest text does not hold.
    name: stored.nameDeclared ? stored.name : defaultProjectName(manifestPath),
    assets: relocated(stored.assets),
    sources: relocated(stored.sources),
    nameLocation: stored.nameLocation && relocate(stored.nameLocation, display)
  };
  return { project, warnings: entry.warnings.map((w) => withFile(w, display)) };
}
function writeCachedManifest(manifestPath, hash2, loaded) {
  let text;
  try {
    const entry = {
      stamp: stamp(),
      manifestPath,
      hash: hash2,
      project: loaded.project,
      warnings: loaded.warnings,
      maps: mapPaths(loaded.project)
    };
    text = JSON.stringify(entry, replacer);
  } catch (error) {
    if (error instanceof NotCacheable) return;
    throw error;
  }
  writeCacheText(kilnDirOf(manifestPath), cacheFile2(manifestPath), text);
}

// src/manifest/manifest-file.ts
import { closeSync as closeSync2, constants, existsSync as existsSync4, fstatSync as fstatSync2, openSync as openSync2, readFileSync as readFileSync4 } from "node:fs";
import path9 from "node:path";
var MANIFEST_NAMES = ["kiln.yml", "kiln.yaml"];
function findManifest(from) {
  let dir = path9.resolve(from);
  for (; ; ) {
    for (const name of MANIFEST_NAMES) {
      const candidate = path9.join(dir, name);
      if (existsSync4(candidate)) return candidate;
    }
    const parent = path9.dirname(dir);
    if (parent === dir) return void 0;
    dir = parent;
  }
}
var MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
function readManifestText(absolute) {
  let fd;
  try {
    fd = openSync2(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const { code, message } = error;
    if (code === "ENOENT") return { ok: false, message: "file not found" };
    if (code === "EACCES") return { ok: false, message: "permission denied", hint: "make the file readable" };
    return { ok: false, message: `cannot open the manifest: ${message}` };
  }
  try {
    const stat = fstatSync2(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory() ? "a directory" : stat.isFIFO() ? "a pipe" : stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : stat.isSocket() ? "a socket" : "not a regular file";
      return {
        ok: false,
        message: `the manifest is ${kind}, not a regular file`,
        hint: "pass the path of a kiln.yml file with -m"
      };
    }
    if (stat.size > MAX_MANIFEST_BYTES) {
      return {
        ok: false,
        message: `the manifest is ${stat.size.toLocaleString("en-US")} bytes; Kiln reads manifests of at most ${MAX_MANIFEST_BYTES.toLocaleString("en-US")} bytes (8 MiB)`,
        hint: "check the path given with -m; a pipeline this large can be split into several projects (one kiln.yml per folder)"
      };
    }
    return { ok: true, text: readFileSync4(fd, "utf8") };
  } catch (error) {
    return { ok: false, message: `cannot read the manifest: ${error.message}` };
  } finally {
    closeSync2(fd);
  }
}
function readManifest(absolute, display) {
  const read = readManifestText(absolute);
  if (read.ok) return { ok: true, value: read.text };
  return {
    ok: false,
    error: [
      {
        severity: "error",
        reason: "manifest-unreadable",
        message: read.message,
        location: { file: display },
        ...read.hint ? { hint: read.hint } : {}
      }
    ]
  };
}
function manifestDisplay(absolute, displayName) {
  return displayName ?? (path9.relative(process.cwd(), absolute) || path9.basename(absolute));
}
async function openManifest(manifestPath, options = {}) {
  const absolute = path9.resolve(manifestPath);
  const display = manifestDisplay(absolute, options.displayName);
  const read = readManifest(absolute, display);
  if (!read.ok) return read;
  const hash2 = manifestHash(read.value);
  const cached = readCachedManifest(absolute, hash2, display);
  if (cached)
    return {
      ok: true,
      value: { ...cached, project: { ...cached.project, sourceHash: hash2 }, source: read.value }
    };
  const { parseAndKeep } = await import("./load-252BNIVS.js");
  const parsed = parseAndKeep(absolute, read.value, display, hash2);
  return parsed.ok ? { ok: true, value: { ...parsed.value, project: { ...parsed.value.project, sourceHash: hash2 } } } : parsed;
}

// src/manifest/projects.ts
function whereNamed(project, display) {
  if (!project.nameDeclared) return { file: display };
  return { ...project.nameLocation, file: display };
}
function duplicateProjectNames(projects) {
  const first = /* @__PURE__ */ new Map();
  const diagnostics = [];
  for (const entry of projects) {
    const { project, display } = entry;
    const earlier = first.get(project.name);
    if (!earlier) {
      first.set(project.name, entry);
      continue;
    }
    diagnostics.push({
      severity: "error",
      reason: "duplicate-project-name",
      message: `project "${project.name}"${project.nameDeclared ? "" : " (named after its folder)"} has the name of the project in ${earlier.display}; projects of one repository share the ledger and the workflows folder, so their names must differ`,
      location: whereNamed(project, display),
      related: [
        {
          ...whereNamed(earlier.project, earlier.display),
          message: `the first project named "${project.name}"`
        }
      ],
      hint: project.nameDeclared ? "choose another name:" : `give it a name: of its own (name: ${project.name}-2)`
    });
  }
  return diagnostics;
}
async function nameTakenByOthers(own, others) {
  const named = [];
  for (const other of others) {
    const loaded = await openManifest(other.path, { displayName: other.display });
    if (loaded.ok) named.push({ project: loaded.value.project, display: other.display });
  }
  return duplicateProjectNames([...named, own]).filter((d) => d.location.file === own.display);
}

// src/app/project-manifests.ts
import { realpathSync } from "node:fs";
import path10 from "node:path";
var FORMAT = 1;
function isManifest(file) {
  return MANIFEST_NAMES.includes(path10.posix.basename(file)) && !`/${file}`.includes("/.github/");
}
async function trackedManifests(kilnDir2, files) {
  const file = cacheFile(kilnDir2, "manifests.json");
  const key = files.indexDigest;
  const stamp2 = cacheStamp(FORMAT);
  try {
    const stored = JSON.parse(readCacheText(file) ?? "null");
    if (stored?.stamp === stamp2 && stored.key === key && Array.isArray(stored.tracked) && stored.tracked.every((f) => typeof f === "string"))
      return stored.tracked;
  } catch {
  }
  await files.loadEntries();
  const tracked = files.entries.paths.filter(isManifest);
  if (files.indexDigest === key) writeCacheText(kilnDir2, file, JSON.stringify({ stamp: stamp2, key, tracked }));
  return tracked;
}
async function otherManifests(manifestPath, reads) {
  const root = path10.dirname(manifestPath);
  let top;
  let found;
  const files = reads?.cwd === root ? await reads.peekFiles() : void 0;
  if (files) {
    top = (await reads.checkout)?.top;
    if (top === void 0) return [];
    const untracked = [...files.changes.untracked].filter(isManifest);
    found = [...await trackedManifests(path10.join(root, KILN_DIR_NAME), files), ...untracked];
  } else {
    top = await repoRoot(root);
    if (top === void 0) return [];
    try {
      found = await filesNamed(top, MANIFEST_NAMES);
    } catch {
      return [];
    }
  }
  const own = realPath(manifestPath);
  return [...new Set(found)].map((file) => path10.join(top, file)).filter((file) => realPath(file) !== own);
}
function realPath(file) {
  try {
    return realpathSync(file);
  } catch {
    return path10.resolve(file);
  }
}
async function projectNameClash(options) {
  const others = (await otherManifests(options.manifestPath, options.reads)).map((other) => ({
    path: other,
    display: path10.relative(options.cwd, other)
  }));
  const diagnostics = await nameTakenByOthers({ project: options.project, display: options.display }, others);
  return { diagnostics, others };
}

export {
  UserError,
  isSystemError,
  fromSystemError,
  DiagnosticsError,
  ExitCode,
  printDiagnostics,
  BUG_REPORT_URL,
  userErrorText,
  reportError,
  sha256,
  spawnGit,
  runGit,
  GitError,
  git,
  repoRoot,
  checkout,
  headCommit,
  checkoutFiles,
  startCheckoutReads,
  mergeBase,
  headParents,
  changesSinceBase,
  isAncestor,
  remoteUrl,
  filesNamed,
  headHistory,
  ancestryOf,
  ignoredFiles,
  hashObjects,
  KILN_DIR_NAME,
  kilnDir,
  kilnTempDir,
  ignoreKilnDir,
  makeStateDir,
  makeStateDirSync,
  kilnVersion,
  Folder,
  lexicalPathProblem,
  normalizeOutputPath,
  pathWithin,
  lexicallyInside,
  resolveInside,
  describePathProblem,
  insideOrThrow,
  moveInto,
  writeInto,
  replaceFileSync,
  removeFileSync,
  cacheStamp,
  cacheFile,
  readCacheText,
  writeCacheText,
  onceAfterBurst,
  toProjectName,
  defaultProjectName,
  writeCachedManifest,
  MANIFEST_NAMES,
  findManifest,
  MAX_MANIFEST_BYTES,
  readManifest,
  manifestDisplay,
  openManifest,
  duplicateProjectNames,
  projectNameClash
};
