import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  makeStateDirSync
} from "./chunk-4IANUJQ2.js";

// src/run/workspace-lock.ts
import { randomUUID } from "node:crypto";
import { linkSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
var host;
function hostname() {
  host ??= os.hostname();
  return host;
}
var POLL_MS = 100;
function readHolder(file) {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8"));
    return typeof holder.pid === "number" && typeof holder.host === "string" && typeof holder.token === "string" ? holder : void 0;
  } catch {
    return void 0;
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
var holderFiles = /* @__PURE__ */ new Map();
var ownTokens = /* @__PURE__ */ new Set();
function gone(holder) {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !ownTokens.has(holder.token);
  return !alive(holder.pid);
}
var HOLDER_PREFIX = ".holder-";
function holderFile(locksDir, fresh = false) {
  const known = holderFiles.get(locksDir);
  if (known && !fresh) return known;
  makeStateDirSync(locksDir);
  removeAbandonedHolderFiles(locksDir);
  const holder = { pid: process.pid, host: hostname(), token: randomUUID() };
  ownTokens.add(holder.token);
  const file = path.join(locksDir, `${HOLDER_PREFIX}${holder.pid}-${holder.token}`);
  writeFileSync(file, JSON.stringify(holder), { flag: "wx" });
  const { dev, ino } = statSync(file);
  const made = { file, holder, dev, ino };
  if (holderFiles.size === 0) process.once("exit", removeHolderFiles);
  holderFiles.set(locksDir, made);
  return made;
}
function removeHolderFiles() {
  for (const { file } of holderFiles.values()) rmSync(file, { force: true });
  holderFiles.clear();
}
function removeAbandonedHolderFiles(locksDir) {
  for (const name of readdirSync(locksDir)) {
    if (!name.startsWith(HOLDER_PREFIX)) continue;
    const file = path.join(locksDir, name);
    const holder = readHolder(file);
    if (holder && gone(holder)) rmSync(file, { force: true });
  }
}
function tryTake(file, mine, again = true) {
  try {
    linkSync(mine.file, file);
    return true;
  } catch (error) {
    const code = error.code;
    if (code === "EEXIST") return false;
    if (code !== "ENOENT" || !again) throw error;
    return tryTake(file, holderFile(path.dirname(file), true), false);
  }
}
function isMine(file, mine) {
  try {
    const { dev, ino } = statSync(file);
    return dev === mine.dev && ino === mine.ino;
  } catch {
    return false;
  }
}
function removeIfAbandoned(file, seen, unreadableBefore) {
  const holder = readHolder(file);
  const abandoned = holder === void 0 ? unreadableBefore && seen === void 0 : gone(holder) && holder.token === seen?.token;
  if (!abandoned) return false;
  try {
    unlinkSync(file);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  return true;
}
async function withAssetLock(locksDir, asset, work, wait = {}) {
  const file = path.join(locksDir, `${asset}.lock`);
  let mine = holderFile(locksDir);
  let told = false;
  let unreadable = false;
  while (!tryTake(file, mine)) {
    mine = holderFile(locksDir);
    if (wait.signal?.aborted) return void 0;
    const holder = readHolder(file);
    if (removeIfAbandoned(file, holder, unreadable)) continue;
    unreadable = holder === void 0;
    if (!told && holder) {
      told = true;
      const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
      wait.onWait?.(
        `kiln: waiting for another kiln run (${where}) that is materializing ${asset} in this workspace`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const held = holderFiles.get(locksDir) ?? mine;
  try {
    return await work();
  } finally {
    if (isMine(file, held)) unlinkSync(file);
  }
}

export {
  withAssetLock
};
