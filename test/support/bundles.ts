// The CLI and the action bundled as they ship (scripts/bundle.mjs, the configuration dist/ is built
// with), for tests that run them as child processes, and the ledger tests' writer process. Built
// once per content of the sources and kept in the system's temp folder under that content's hash:
// every test file and both workers of a run share one build, and a later run with the same
// sources builds nothing. Starting the bundle costs a quarter of the CPU of `node --import tsx
// src/cli.ts`, which compiles ~150 modules per process; the process is still the real entry. The
// committed dist/ is never read: other engineers rebuild it, and a test must see its own sources.
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { bundle, bundleAll } from "../../scripts/bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
// The system's temporary folder, not the run's (test/global-setup.ts): the cache outlives a run.
const CACHE = path.join(process.env.KILN_TEST_SYSTEM_TMP ?? os.tmpdir(), "kiln-test-bundles");
/** Everything a bundle is made of: the sources, the shipped helpers, the bundler and the locked dependencies. */
const INPUTS = [
  "src",
  "helpers",
  "scripts/bundle.mjs",
  "scripts/site-client.mjs",
  "package.json",
  "package-lock.json",
  "test/ledger/worker.ts",
  "test/ledger/fixtures.ts",
  // How the package around the bundles is laid out (the package.json written below).
  "test/support/bundles.ts",
];

export interface Bundles {
  /** The package's folder: `dist/` and `helpers/` as an installed kiln-ml has them. */
  root: string;
  /** `dist/cli.js`, the `kiln` command (executable, with its shebang); its chunks are in `dist/chunks/`. */
  cli: string;
  /** `dist/index.js`, the action's entry as action.yml runs it. */
  action: string;
  /** test/ledger/worker.ts: a process writing to a ledger and promoting as a run does. */
  ledgerWorker: string;
}

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(entry, name))
    .filter((name) => statSync(path.join(ROOT, name)).isFile())
    .sort();
}

/** A hash of every input's path and bytes: a new build exactly when something it is made of changed. */
function contentKey(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap(files))
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(ROOT, file)))
      .update("\0");
  return hash.digest("hex").slice(0, 20);
}

async function build(): Promise<Bundles> {
  const root = path.join(CACHE, contentKey());
  const result = {
    root,
    cli: path.join(root, "dist/cli.js"),
    action: path.join(root, "dist/index.js"),
    ledgerWorker: path.join(root, "test/ledger-worker.js"),
  };
  const built = () => Object.values(result).every((file) => existsSync(file));
  if (built()) return result;
  mkdirSync(CACHE, { recursive: true });
  // Both workers start with files that need the bundles: one builds, the other waits for it
  // (esbuild already uses both cores). A lock left by a killed run is taken over once old.
  const lock = `${root}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (built()) return result;
    if (Date.now() - statSafe(lock) > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    if (!built()) await buildInto(root);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  prune(root);
  return result;
}

/** A builder that has held the lock this long was killed: a build takes seconds. */
const LOCK_STALE_MS = 5 * 60_000;

/** The modification time of `file` in ms, or 0 when it is gone. */
function statSafe(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

async function buildInto(root: string): Promise<void> {
  // Built beside its final place and renamed into it whole, so a reader never sees half a bundle
  // (another checkout of the same sources, or a lock taken over, may have put it there first).
  const staging = mkdtempSync(path.join(CACHE, ".building-"));
  try {
    // One after the other: both write their chunks into dist/chunks/, and share those they have in common.
    await bundleAll({
      outdir: path.join(staging, "dist"),
      entries: [
        { name: "cli", entry: path.join(ROOT, "src/cli.ts"), shebang: true },
        { name: "index", entry: path.join(ROOT, "src/action.ts") },
      ],
    });
    await bundle({
      entry: path.join(ROOT, "test/ledger/worker.ts"),
      outfile: path.join(staging, "test/ledger-worker.js"),
    });
    // Where the bundles find helpers/kiln.py for Python steps (src/run/step-helpers.ts walks up).
    cpSync(path.join(ROOT, "helpers"), path.join(staging, "helpers"), { recursive: true });
    // The package's own type, as the installed package and the action's repository have it (the
    // package.json beside dist/). Without it Node 20 does not know the chunks are ES modules and
    // parses each one a second time to find out, in every process that loads them.
    writeFileSync(path.join(staging, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
    try {
      renameSync(staging, root);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Builds of sources long gone (older than a day) are removed; recent ones may serve another checkout. */
function prune(keep: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (dir !== keep && statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
  }
}

let built: Promise<Bundles> | undefined;

/** The bundles of the current sources, built on first use in this process (or found built). */
export function bundles(): Promise<Bundles> {
  built ??= build();
  return built;
}
