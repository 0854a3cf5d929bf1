import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/paths/kiln-dir.ts
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

export {
  KILN_DIR_NAME,
  kilnDir,
  kilnTempDir,
  ignoreKilnDir,
  makeStateDir,
  makeStateDirSync
};
