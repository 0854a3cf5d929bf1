// The manifest as a file: where it is, reading it safely, and the cached project while its text is
// unchanged. Nothing here parses YAML or builds a schema, so a command whose manifest is in the cache
// never loads the parser, the schema or the checks (src/manifest/load.ts; about a fifth of the code
// a command would compile).
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Result } from "../domain/result.js";
import { manifestHash, readCachedManifest } from "./cache.js";
import type { Diagnostic } from "./diagnostics.js";
import type { Project } from "./project.js";

export const MANIFEST_NAMES = ["kiln.yml", "kiln.yaml"];

/** Finds kiln.yml in `from` or the nearest directory above it. */
export function findManifest(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    for (const name of MANIFEST_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedManifest {
  project: Project;
  /** Warnings (errors make the result not ok). */
  warnings: Diagnostic[];
  source: string;
}

/**
 * The largest manifest Kiln reads. Thousands of assets fit in a few hundred kilobytes; the cap keeps
 * a mistaken `-m` (a data file, a log) from being parsed at length.
 */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/**
 * The manifest's text, or why it cannot be read. Only regular files: `-m /dev/zero` would never
 * end and a FIFO would block forever. Opened without blocking and checked on the open descriptor,
 * so what is checked is what is read.
 */
function readManifestText(
  absolute: string,
): { ok: true; text: string } | { ok: false; message: string; hint?: string } {
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "ENOENT") return { ok: false, message: "file not found" };
    if (code === "EACCES") return { ok: false, message: "permission denied", hint: "make the file readable" };
    return { ok: false, message: `cannot open the manifest: ${message}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory()
        ? "a directory"
        : stat.isFIFO()
          ? "a pipe"
          : stat.isCharacterDevice() || stat.isBlockDevice()
            ? "a device"
            : stat.isSocket()
              ? "a socket"
              : "not a regular file";
      return {
        ok: false,
        message: `the manifest is ${kind}, not a regular file`,
        hint: "pass the path of a kiln.yml file with -m",
      };
    }
    if (stat.size > MAX_MANIFEST_BYTES) {
      return {
        ok: false,
        message: `the manifest is ${stat.size.toLocaleString("en-US")} bytes; Kiln reads manifests of at most ${MAX_MANIFEST_BYTES.toLocaleString("en-US")} bytes (8 MiB)`,
        hint: "check the path given with -m; a pipeline this large can be split into several projects (one kiln.yml per folder)",
      };
    }
    return { ok: true, text: readFileSync(fd, "utf8") };
  } catch (error) {
    return { ok: false, message: `cannot read the manifest: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** The manifest's text, or the error that says why it cannot be read. */
export function readManifest(absolute: string, display: string): Result<string, Diagnostic[]> {
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
        ...(read.hint ? { hint: read.hint } : {}),
      },
    ],
  };
}

/** The name a manifest is shown by: `displayName`, else its path from the working directory. */
export function manifestDisplay(absolute: string, displayName: string | undefined): string {
  return displayName ?? (path.relative(process.cwd(), absolute) || path.basename(absolute));
}

/**
 * The manifest for a command or the action: the normalized project is kept in `.kiln/cache/`
 * (src/manifest/cache.ts) and taken from there while the manifest's content is unchanged; only
 * otherwise are the parser and the checks loaded, by an `import()`.
 */
export async function openManifest(
  manifestPath: string,
  options: { displayName?: string } = {},
): Promise<Result<LoadedManifest, Diagnostic[]>> {
  const absolute = path.resolve(manifestPath);
  const display = manifestDisplay(absolute, options.displayName);
  const read = readManifest(absolute, display);
  if (!read.ok) return read;
  const hash = manifestHash(read.value);
  const cached = readCachedManifest(absolute, hash, display);
  if (cached)
    return {
      ok: true,
      value: { ...cached, project: { ...cached.project, sourceHash: hash }, source: read.value },
    };
  const { parseAndKeep } = await import("./load.js");
  const parsed = parseAndKeep(absolute, read.value, display, hash);
  return parsed.ok
    ? { ok: true, value: { ...parsed.value, project: { ...parsed.value.project, sourceHash: hash } } }
    : parsed;
}
