import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/git/repo.ts
init_define_KILN_SITE_CLIENT();

// src/git/exec.ts
init_define_KILN_SITE_CLIENT();
import { spawn } from "node:child_process";
function spawnGit(args, cwd, env = {}) {
  return spawn("git", args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...env },
    stdio: ["pipe", "pipe", "pipe"]
  });
}
function runGit(args, options) {
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
      (code) => resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString(options.encoding ?? "utf8"),
        stderr: Buffer.concat(err).toString("utf8")
      })
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
  const result = await runGit(args, options);
  if (result.code !== 0) {
    throw new GitError(
      `git ${args.join(" ")} failed: ${result.stderr.trim() || `exit code ${result.code}`}`,
      args,
      result.stderr
    );
  }
  return result.stdout;
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
async function headCommit(root) {
  const result = await runGit(["rev-parse", "--verify", "-q", "HEAD"], { cwd: root });
  return result.code === 0 ? result.stdout.trim() : void 0;
}
async function currentBranch(root) {
  const result = await runGit(["symbolic-ref", "--short", "-q", "HEAD"], { cwd: root });
  return result.code === 0 ? result.stdout.trim() || void 0 : void 0;
}
async function indexEntries(root) {
  const out = await git(["ls-files", "-s", "-z"], { cwd: root });
  const paths = [];
  const blobs = [];
  for (let start = 0; start < out.length; ) {
    let end = out.indexOf("\0", start);
    if (end < 0) end = out.length;
    const tab = out.indexOf("	", start);
    const space = out.indexOf(" ", start);
    if (tab > 0 && tab < end && space > 0 && space < tab && !out.startsWith("160000 ", start)) {
      blobs.push(out.slice(space + 1, out.indexOf(" ", space + 1)));
      paths.push(out.slice(tab + 1, end));
    }
    start = end + 1;
  }
  return { paths, blobs };
}
async function changedPaths(root) {
  const out = await git(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], {
    cwd: root
  });
  const changed = /* @__PURE__ */ new Set();
  const untracked = /* @__PURE__ */ new Set();
  const deleted = /* @__PURE__ */ new Set();
  for (const record of out.split("\0")) {
    if (record.length < 4) continue;
    const status = record.slice(0, 2);
    const file = record.slice(3);
    if (status === "??") untracked.add(file);
    else if (status.includes("D") && !status.includes("A")) deleted.add(file);
    else changed.add(file);
  }
  return { changed, untracked, deleted };
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
async function remoteDefaultBranch(root, remote = "origin") {
  const result = await runGit(["symbolic-ref", "--short", "-q", `refs/remotes/${remote}/HEAD`], {
    cwd: root
  });
  if (result.code !== 0) return void 0;
  const name = result.stdout.trim();
  return name.startsWith(`${remote}/`) ? name.slice(remote.length + 1) || void 0 : void 0;
}
async function ancestryOf(root, commits) {
  const wanted = new Set(commits);
  const [walk, shallow] = await Promise.all([
    runGit(["rev-list", "HEAD"], { cwd: root }),
    runGit(["rev-parse", "--is-shallow-repository"], { cwd: root })
  ]);
  const ancestors = /* @__PURE__ */ new Set();
  if (walk.code === 0) {
    for (const sha of walk.stdout.split("\n")) if (wanted.has(sha)) ancestors.add(sha);
  }
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
  return { ancestors, present, shallow: shallow.stdout.trim() === "true" };
}

export {
  spawnGit,
  runGit,
  GitError,
  git,
  repoRoot,
  headCommit,
  currentBranch,
  indexEntries,
  changedPaths,
  mergeBase,
  isAncestor,
  remoteUrl,
  filesNamed,
  remoteDefaultBranch,
  ancestryOf
};
