import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/paths/kiln-dir.ts
init_define_KILN_SITE_CLIENT();
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
var KILN_DIR_NAME = ".kiln";
var KILN_DIR_GITIGNORE = "# Kiln's local ledger, store, run logs and reports: never commit them.\n*\n";
function kilnDir(root) {
  return path.join(root, KILN_DIR_NAME);
}
function kilnTempDir(root) {
  return path.join(kilnDir(root), "tmp");
}
async function ignoreKilnDir(dir) {
  const file = path.join(dir, ".gitignore");
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
  let current = path.resolve(dir);
  for (; ; ) {
    if (path.basename(current) === KILN_DIR_NAME) return current;
    const parent = path.dirname(current);
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
  const file = path.join(kiln, ".gitignore");
  try {
    writeFileSync(file, KILN_DIR_GITIGNORE, { flag: "wx" });
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  ignoring.add(kiln);
}
var ignoring = /* @__PURE__ */ new Set();

// src/paths/containment.ts
init_define_KILN_SITE_CLIENT();
import { lstat, readlink, realpath } from "node:fs/promises";
import path2 from "node:path";
var RESERVED_FOLDERS = [KILN_DIR_NAME, ".git"];
function normalized(file) {
  return path2.posix.normalize(file.replaceAll("\\", "/"));
}
function lexicalPathProblem(file, options) {
  if (path2.posix.isAbsolute(file) || path2.win32.isAbsolute(file)) return { kind: "absolute" };
  const normal = normalized(file);
  if (normal === ".." || normal.startsWith("../")) return { kind: "outside" };
  if (!options.output) return void 0;
  const parts = normal.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0) return { kind: "project-folder" };
  const reserved = parts.find((part) => RESERVED_FOLDERS.includes(part));
  return reserved ? { kind: "reserved", folder: reserved } : void 0;
}
function normalizeOutputPath(output) {
  return path2.posix.normalize(output.replaceAll("\\", "/")).replace(/\/+$/, "") || ".";
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
      return path2.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      if (errno(error) !== "ENOENT" && errno(error) !== "ENOTDIR") throw error;
    }
    const link = await lstat(current).then(
      (info) => info.isSymbolicLink() ? readlink(current) : void 0,
      () => void 0
    );
    if (link !== void 0 && depth < 40) {
      const pointed = path2.resolve(path2.dirname(current), link);
      return path2.join(await realLocation(pointed, depth + 1), ...rest.reverse());
    }
    const parent = path2.dirname(current);
    if (parent === current) return path2.join(current, ...rest.reverse());
    rest.push(path2.basename(current));
    current = parent;
  }
}
var within = (inner, outer) => {
  const relative = path2.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path2.isAbsolute(relative);
};
async function resolveInside(root, file) {
  const problem = lexicalPathProblem(file, { output: true });
  if (problem) {
    return refused(
      file,
      describePathProblem(problem),
      "outputs are paths inside the project folder (the folder of kiln.yml), such as build/model.bin"
    );
  }
  const absolute = path2.resolve(root, file);
  const [realRoot, real] = await Promise.all([realLocation(path2.resolve(root)), realLocation(absolute)]);
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

export {
  KILN_DIR_NAME,
  kilnDir,
  kilnTempDir,
  ignoreKilnDir,
  makeStateDir,
  makeStateDirSync,
  lexicalPathProblem,
  normalizeOutputPath,
  resolveInside,
  describePathProblem,
  insideOrThrow
};
