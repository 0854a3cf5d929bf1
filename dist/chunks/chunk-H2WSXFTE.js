import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  sha256
} from "./chunk-LR43NXA7.js";
import {
  KILN_DIR_NAME
} from "./chunk-FICLRJIW.js";

// src/domain/kiln-version.ts
import { readFileSync } from "node:fs";
var fromSource;
function kilnVersion() {
  if (true) return "0.1.0";
  fromSource ??= JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
  return fromSource;
}

// src/manifest/project-name.ts
import { existsSync } from "node:fs";
import path from "node:path";
function repositoryTop(dir) {
  let current = path.resolve(dir);
  for (; ; ) {
    if (existsSync(path.join(current, ".git"))) return current;
    const parent = path.dirname(current);
    if (parent === current) return void 0;
    current = parent;
  }
}
function toProjectName(text) {
  const slug = text.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "").slice(0, 100);
  return slug || "kiln";
}
function defaultProjectName(manifestPath) {
  const dir = path.dirname(path.resolve(manifestPath));
  const top = repositoryTop(dir);
  const relative = top ? path.relative(top, dir) : "";
  return toProjectName(relative ? relative.split(path.sep).join("-") : path.basename(top ?? dir));
}

// src/manifest/cache.ts
import path3 from "node:path";

// src/paths/state-cache.ts
import { createHash, randomUUID } from "node:crypto";
import {
  existsSync as existsSync2,
  mkdirSync,
  readdirSync,
  readFileSync as readFileSync2,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import path2 from "node:path";
import { fileURLToPath } from "node:url";
var running;
function runningBuild() {
  if (true) return "228beed639fb5578";
  try {
    const src = path2.resolve(path2.dirname(fileURLToPath(import.meta.url)), "..");
    const hash = createHash("sha256");
    for (const name of readdirSync(src, { recursive: true, encoding: "utf8" }).sort()) {
      const stat = statSync(path2.join(src, name));
      if (stat.isFile()) hash.update(`${name}\0${stat.size}\0${stat.mtimeMs}
`);
    }
    return `src-${hash.digest("hex").slice(0, 16)}`;
  } catch {
    return `unknown-${randomUUID()}`;
  }
}
function cacheStamp(format) {
  running ??= runningBuild();
  return `${format} ${kilnVersion()} ${process.version} ${running}`;
}
function cacheFile(kilnDir, name) {
  return path2.join(kilnDir, "cache", name);
}
function readCacheText(file) {
  try {
    return readFileSync2(file, "utf8");
  } catch {
    return void 0;
  }
}
function writeCacheText(kilnDir, file, text) {
  if (!existsSync2(path2.join(kilnDir, ".gitignore"))) return;
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    mkdirSync(path2.dirname(file), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

// src/manifest/cache.ts
var CACHE_FORMAT = 3;
function cacheFile2(manifestPath) {
  return cacheFile(kilnDirOf(manifestPath), `manifest-${path3.basename(manifestPath)}.json`);
}
function kilnDirOf(manifestPath) {
  return path3.join(path3.dirname(manifestPath), KILN_DIR_NAME);
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
  for (const path5 of paths) {
    if (!Array.isArray(path5)) return false;
    let holder;
    let value = project;
    for (const key of path5) {
      if (value === null || typeof value !== "object") return false;
      holder = value;
      value = value[key];
    }
    const entries = value !== null && typeof value === "object" && Object.hasOwn(value, MAP_TAG) ? value[MAP_TAG] : void 0;
    if (!Array.isArray(entries)) return false;
    const map = new Map(entries);
    if (path5.length === 0) return false;
    Object.defineProperty(holder, path5[path5.length - 1], {
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
function readCachedManifest(manifestPath, hash, display) {
  const cached = readCacheText(cacheFile2(manifestPath));
  if (cached === void 0) return void 0;
  let entry;
  try {
    entry = JSON.parse(cached);
  } catch {
    return void 0;
  }
  if (typeof entry !== "object" || entry === null || entry.stamp !== stamp() || entry.hash !== hash || entry.manifestPath !== manifestPath || typeof entry.project !== "object" || entry.project === null || !Array.isArray(entry.warnings) || !reviveMaps(entry.project, entry.maps))
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
function writeCachedManifest(manifestPath, hash, loaded) {
  let text;
  try {
    const entry = {
      stamp: stamp(),
      manifestPath,
      hash,
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
import { closeSync, constants, existsSync as existsSync3, fstatSync, openSync, readFileSync as readFileSync3 } from "node:fs";
import path4 from "node:path";
var MANIFEST_NAMES = ["kiln.yml", "kiln.yaml"];
function findManifest(from) {
  let dir = path4.resolve(from);
  for (; ; ) {
    for (const name of MANIFEST_NAMES) {
      const candidate = path4.join(dir, name);
      if (existsSync3(candidate)) return candidate;
    }
    const parent = path4.dirname(dir);
    if (parent === dir) return void 0;
    dir = parent;
  }
}
var MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
function readManifestText(absolute) {
  let fd;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const { code, message } = error;
    if (code === "ENOENT") return { ok: false, message: "file not found" };
    if (code === "EACCES") return { ok: false, message: "permission denied", hint: "make the file readable" };
    return { ok: false, message: `cannot open the manifest: ${message}` };
  }
  try {
    const stat = fstatSync(fd);
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
    return { ok: true, text: readFileSync3(fd, "utf8") };
  } catch (error) {
    return { ok: false, message: `cannot read the manifest: ${error.message}` };
  } finally {
    closeSync(fd);
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
  return displayName ?? (path4.relative(process.cwd(), absolute) || path4.basename(absolute));
}
async function openManifest(manifestPath, options = {}) {
  const absolute = path4.resolve(manifestPath);
  const display = manifestDisplay(absolute, options.displayName);
  const read = readManifest(absolute, display);
  if (!read.ok) return read;
  const hash = manifestHash(read.value);
  const cached = readCachedManifest(absolute, hash, display);
  if (cached)
    return {
      ok: true,
      value: { ...cached, project: { ...cached.project, sourceHash: hash }, source: read.value }
    };
  const { parseAndKeep } = await import("./load-H7IZY2CP.js");
  const parsed = parseAndKeep(absolute, read.value, display, hash);
  return parsed.ok ? { ok: true, value: { ...parsed.value, project: { ...parsed.value.project, sourceHash: hash } } } : parsed;
}

export {
  kilnVersion,
  cacheStamp,
  cacheFile,
  readCacheText,
  writeCacheText,
  defaultProjectName,
  writeCachedManifest,
  MANIFEST_NAMES,
  findManifest,
  MAX_MANIFEST_BYTES,
  readManifest,
  manifestDisplay,
  openManifest
};
