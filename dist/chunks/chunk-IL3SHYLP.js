import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  sha256OfPieces
} from "./chunk-LR43NXA7.js";

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

// src/git/exec.ts
import { spawn } from "node:child_process";
function spawnGit(args, cwd, env = {}) {
  return spawn("git", args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...env },
    stdio: ["pipe", "pipe", "pipe"]
  });
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
  const [top, shallow, head, ref, originHead] = result.stdout.split("\n");
  const refLine = ref === "HEAD" || ref?.startsWith("refs/heads/");
  if (result.code === 0 && top && head && refLine) {
    return {
      top,
      head,
      // `refs/heads/<branch>`, or `HEAD` itself when detached.
      branch: ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) || void 0 : void 0,
      shallow: shallow === "true",
      remoteDefaultBranch: remoteBranchOf(originHead)
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
async function checkoutFiles(root) {
  const [index, status] = await Promise.all([
    gitBytes(INDEX_ARGS, { cwd: root }),
    gitBytes(STATUS_ARGS, { cwd: root })
  ]);
  let indexDigest;
  let statusDigest;
  let entries;
  let changes;
  const text = (pieces) => Buffer.concat(pieces).toString("utf8");
  return {
    get indexDigest() {
      indexDigest ??= sha256OfPieces(index);
      return indexDigest;
    },
    get statusDigest() {
      statusDigest ??= sha256OfPieces(status);
      return statusDigest;
    },
    get entries() {
      entries ??= parseIndexEntries(text(index));
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
  let files = found.then(
    (c) => c ? checkoutFiles(c.top) : void 0
  );
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
    }
  };
}
async function mergeBase(root, a, b) {
  const result = await runGit(["merge-base", a, b], { cwd: root });
  return result.code === 0 ? result.stdout.trim() : void 0;
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
      ":(exclude,glob).github/**"
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

export {
  UserError,
  isSystemError,
  fromSystemError,
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
  isAncestor,
  remoteUrl,
  filesNamed,
  headHistory,
  ancestryOf,
  ignoredFiles,
  hashObjects
};
