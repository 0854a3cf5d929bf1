// The normalized manifest kept in `.kiln/cache/`, so a command on a large project does not parse
// and validate the YAML again while the file is unchanged: at 2,000 assets parsing and checking
// were a third of `kiln status`. The key is the content's SHA-256 (an edit that keeps the size and
// the modification time still misses), with the Kiln and Node versions that wrote it (a schema or
// validation change, or another time-zone database, never reads an old answer).
//
// Only a manifest without errors is kept: a broken one is parsed every time, so its diagnostics
// come from the parser with their file:line:col. The positions a later message may need (each
// asset's and source's, the project name's) are kept with the project, so a cached manifest needs
// no YAML parser. The cache is a help, never a source of errors: unreadable, cut short or of
// another shape, it is ignored and written again; it is written to a temporary file and renamed,
// so concurrent commands never read half of one.
import path from "node:path";
import { sha256 } from "../domain/hash.js";
import { KILN_DIR_NAME } from "../paths/kiln-dir.js";
import {
  cacheFile as stateCacheFile,
  cacheStamp,
  readCacheText,
  writeCacheText,
} from "../paths/state-cache.js";
import type { Diagnostic } from "./diagnostics.js";
import type { Project, SourceLocation } from "./project.js";
import { defaultProjectName } from "./project-name.js";

/** Bump when Project's shape or the meaning of a field changes within one Kiln version. */
const CACHE_FORMAT = 3;

/** What the cache gives back: the normalized project and the manifest's warnings. */
export interface CachedManifest {
  project: Project;
  warnings: Diagnostic[];
}

interface Entry {
  stamp: string;
  manifestPath: string;
  hash: string;
  project: unknown;
  warnings: Diagnostic[];
  /**
   * Where the project's Maps are, as paths of keys in the stored JSON (see mapPaths): a read turns
   * exactly these back into Maps instead of walking every object of the project.
   */
  maps: Path[];
}

type Path = (string | number)[];

/** The manifest's cache file: in the project's `.kiln`, one per manifest file name. */
function cacheFile(manifestPath: string): string {
  return stateCacheFile(kilnDirOf(manifestPath), `manifest-${path.basename(manifestPath)}.json`);
}

function kilnDirOf(manifestPath: string): string {
  return path.join(path.dirname(manifestPath), KILN_DIR_NAME);
}

const stamp = () => cacheStamp(CACHE_FORMAT);

/** The key of a manifest text in the cache: hashed once per command, for the read and the write. */
export const manifestHash = sha256;

// Maps are kept as tagged entry lists; a user's config key cannot start with a NUL character.
const MAP_TAG = "\u0000map";

class NotCacheable extends Error {}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Map) return { [MAP_TAG]: [...value] };
  // JSON would turn these into null (a config of `.inf`, a hole): such a project is not kept.
  if (typeof value === "number" && !Number.isFinite(value)) throw new NotCacheable();
  if (value === undefined && Array.isArray(this)) throw new NotCacheable();
  return value;
}

/**
 * The paths of every Map in `value` as the replacer writes it (a Map is `{MAP_TAG: [[key, member],
 * …]}`, so a member's path goes through MAP_TAG, its index and 1), inner ones first.
 */
function mapPaths(value: unknown, at: Path = [], found: Path[] = []): Path[] {
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

/**
 * Turns the tagged entry lists at `paths` (inner ones first) back into Maps; false when one is not
 * there (a file of another shape). Only these: walking every object of a 2,000-asset project to look
 * for them took longer than parsing its JSON.
 */
function reviveMaps(project: unknown, paths: unknown): boolean {
  if (!Array.isArray(paths)) return false;
  for (const path of paths as Path[]) {
    if (!Array.isArray(path)) return false;
    let holder: unknown;
    let value: unknown = project;
    for (const key of path) {
      if (value === null || typeof value !== "object") return false;
      holder = value;
      value = (value as Record<string | number, unknown>)[key];
    }
    const entries =
      value !== null && typeof value === "object" && Object.hasOwn(value, MAP_TAG)
        ? (value as Record<string, unknown>)[MAP_TAG]
        : undefined;
    if (!Array.isArray(entries)) return false;
    const map = new Map(entries as [string, unknown][]);
    if (path.length === 0) return false; // the project itself is never a Map
    // defineProperty, not assignment: a config key may be `__proto__`.
    Object.defineProperty(holder, path[path.length - 1]!, {
      value: map,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return true;
}

/** The file name in every location of a cached value is the one the current command shows. */
function relocate(location: SourceLocation, file: string): SourceLocation {
  return { ...location, file };
}

function withFile(diagnostic: Diagnostic, file: string): Diagnostic {
  return {
    ...diagnostic,
    location: relocate(diagnostic.location, file),
    ...(diagnostic.related ? { related: diagnostic.related.map((r) => ({ ...r, file })) } : {}),
  };
}

/** The cached project of the manifest text whose manifestHash is `hash`, or undefined when there is none that fits. */
export function readCachedManifest(
  manifestPath: string,
  hash: string,
  display: string,
): CachedManifest | undefined {
  const cached = readCacheText(cacheFile(manifestPath));
  if (cached === undefined) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(cached) as Entry;
  } catch {
    return undefined; // cut short: parse the manifest instead
  }
  if (
    typeof entry !== "object" ||
    entry === null ||
    entry.stamp !== stamp() ||
    entry.hash !== hash ||
    entry.manifestPath !== manifestPath ||
    typeof entry.project !== "object" ||
    entry.project === null ||
    !Array.isArray(entry.warnings) ||
    !reviveMaps(entry.project, entry.maps)
  )
    return undefined;
  const stored = entry.project as Project;
  if (
    !(stored.assets instanceof Map) ||
    !(stored.sources instanceof Map) ||
    !(stored.environments instanceof Map)
  )
    return undefined;
  // Copied only where the file name differs (the command shows the manifest by another path).
  const relocated = <T extends { location: SourceLocation }>(specs: Map<string, T>) => {
    for (const [name, spec] of specs)
      if (spec.location.file !== display)
        specs.set(name, { ...spec, location: relocate(spec.location, display) });
    return specs;
  };
  const project: Project = {
    ...stored,
    // A folder-named project follows the repository around it, which the manifest text does not hold.
    name: stored.nameDeclared ? stored.name : defaultProjectName(manifestPath),
    assets: relocated(stored.assets),
    sources: relocated(stored.sources),
    nameLocation: stored.nameLocation && relocate(stored.nameLocation, display),
  };
  return { project, warnings: entry.warnings.map((w) => withFile(w, display)) };
}

/**
 * Keeps a loaded project for the next command (see writeCacheText: only where Kiln already keeps
 * state; a failure to write costs the next command a parse, nothing else).
 */
export function writeCachedManifest(manifestPath: string, hash: string, loaded: CachedManifest): void {
  let text: string;
  try {
    const entry: Entry = {
      stamp: stamp(),
      manifestPath,
      hash,
      project: loaded.project,
      warnings: loaded.warnings,
      maps: mapPaths(loaded.project),
    };
    text = JSON.stringify(entry, replacer);
  } catch (error) {
    if (error instanceof NotCacheable) return;
    throw error;
  }
  writeCacheText(kilnDirOf(manifestPath), cacheFile(manifestPath), text);
}
