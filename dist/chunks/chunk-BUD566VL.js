import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  isPlainRelative,
  resolveIn
} from "./chunk-7CZ7Y2OC.js";
import {
  KILN_DIR_NAME
} from "./chunk-FICLRJIW.js";

// src/paths/containment.ts
import { lstat, readlink, realpath } from "node:fs/promises";
import path from "node:path";
var RESERVED_FOLDERS = [KILN_DIR_NAME, ".git"];
function normalized(file) {
  return path.posix.normalize(file.replaceAll("\\", "/"));
}
function lexicalPathProblem(file, options) {
  if (isPlainRelative(file) && !path.win32.isAbsolute(file)) {
    if (!options.output) return void 0;
    const reserved2 = file.split("/").find((part) => RESERVED_FOLDERS.includes(part));
    return reserved2 ? { kind: "reserved", folder: reserved2 } : void 0;
  }
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) return { kind: "absolute" };
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
  return path.posix.normalize(output.replaceAll("\\", "/")).replace(/\/+$/, "") || ".";
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
      return path.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      if (errno(error) !== "ENOENT" && errno(error) !== "ENOTDIR") throw error;
    }
    const link = await lstat(current).then(
      (info) => info.isSymbolicLink() ? readlink(current) : void 0,
      () => void 0
    );
    if (link !== void 0 && depth < 40) {
      const pointed = path.resolve(path.dirname(current), link);
      return path.join(await realLocation(pointed, depth + 1), ...rest.reverse());
    }
    const parent = path.dirname(current);
    if (parent === current) return path.join(current, ...rest.reverse());
    rest.push(path.basename(current));
    current = parent;
  }
}
var within = (inner, outer) => {
  const relative = path.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
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
  const [realRoot, real] = await Promise.all([realLocation(path.resolve(root)), realLocation(absolute)]);
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
  lexicalPathProblem,
  normalizeOutputPath,
  lexicallyInside,
  resolveInside,
  describePathProblem,
  insideOrThrow
};
