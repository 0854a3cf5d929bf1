import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/paths/join.ts
import path from "node:path";
var NOT_PLAIN = /(^|\/)\.{0,2}(\/|$)|\\/;
function isPlainRelative(relative) {
  return !NOT_PLAIN.test(relative);
}
var Folder = class {
  constructor(folder) {
    this.folder = folder;
    const normal = path.join(folder);
    this.base = path.sep === "/" && !normal.endsWith("/") && normal !== "." ? normal : void 0;
  }
  folder;
  /** The folder as path.join gives it; undefined where a concatenation could differ from join. */
  base;
  join(...parts) {
    const base = this.base;
    if (base === void 0) return path.join(this.folder, ...parts);
    let joined = base;
    for (const part of parts) {
      if (!isPlainRelative(part)) return path.join(this.folder, ...parts);
      joined += `/${part}`;
    }
    return joined;
  }
};
var lastRoot;
function resolveIn(root, file) {
  if (!path.isAbsolute(root) || !isPlainRelative(file)) return path.resolve(root, file);
  if (lastRoot?.folder !== root) lastRoot = new Folder(root);
  return lastRoot.join(file);
}

export {
  isPlainRelative,
  Folder,
  resolveIn
};
