import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  insideOrThrow
} from "./chunk-BUD566VL.js";
import {
  kilnTempDir,
  makeStateDir
} from "./chunk-FICLRJIW.js";

// src/paths/place.ts
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
async function moveInto(temp, dest) {
  await mkdir(path.dirname(dest), { recursive: true });
  try {
    await rename(temp, dest);
    return;
  } catch (error) {
    if (error.code !== "EXDEV") throw error;
  }
  const near = path.join(path.dirname(dest), `.kiln-tmp-${randomUUID()}`);
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
  const temp = path.join(dir, randomUUID());
  try {
    await produce(temp);
    await moveInto(temp, dest);
  } finally {
    await rm(temp, { force: true });
  }
}

export {
  moveInto,
  writeInto
};
