// The identity of a build of Kiln: a digest of everything the bundle is made from (the sources,
// the locked dependencies, the bundling scripts). Caches in `.kiln/cache/` carry it, so a Kiln
// rebuilt from other code never reads what an older build worked out, whatever its version number
// and whichever of its files changed (src/paths/state-cache.ts).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Every file under `dir`, relative to `root`, in a fixed order. */
function filesUnder(root, dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path
        .relative(root, path.join(entry.parentPath ?? entry.path, entry.name))
        .split(path.sep)
        .join("/"),
    )
    .sort();
}

/** A hex digest of the sources, package.json, the lock file and these scripts under `root`. */
export function buildId(root = ROOT) {
  const hash = createHash("sha256");
  const files = [
    ...filesUnder(root, "src"),
    "package.json",
    "package-lock.json",
    "scripts/bundle.mjs",
    "scripts/site-client.mjs",
    "scripts/build-id.mjs",
  ];
  for (const file of files) {
    // Name and length first: no two different trees give the same stream of bytes.
    const bytes = readFileSync(path.join(root, file));
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest("hex").slice(0, 16);
}
