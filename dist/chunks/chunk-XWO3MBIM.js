import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/domain/errors.ts
init_define_KILN_SITE_CLIENT();
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

export {
  UserError,
  isSystemError,
  fromSystemError
};
