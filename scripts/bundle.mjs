// One esbuild configuration for every bundle of Kiln: dist/ (scripts/build.mjs) and the tests that
// run the action as GitHub does (test/action). Every dependency goes inside, so the action runs
// from a checkout without node_modules.
import { chmodSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { buildSiteClient } from "./site-client.mjs";

/**
 * Bundles `entry` into the ESM file `outfile` and its chunks (`chunks/` beside it), optionally with a
 * shebang for the CLI.
 */
export async function bundle({ entry, outfile, shebang = false }) {
  // The history site's browser code and styles, embedded as strings (src/site/client-bundle.ts).
  const siteClient = await buildSiteClient();
  // The version `kiln --version` prints (src/domain/kiln-version.ts): package.json's, read once here.
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  await build({
    // Code behind a dynamic import() (the stores, GitHub's API client, the site, schema checks) goes
    // into chunks beside the entry and is read only by the commands that need it: Node compiles an
    // ES module whole, and compiling one 7 MB file was most of a `kiln status`.
    entryPoints: { [path.basename(outfile, ".js")]: entry },
    outdir: path.dirname(outfile),
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    define: {
      __KILN_SITE_CLIENT__: JSON.stringify(siteClient),
      __KILN_VERSION__: JSON.stringify(version),
    },
    logLevel: "warning",
    // CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: `${shebang ? "#!/usr/bin/env node\n" : ""}import { createRequire as __kilnCreateRequire } from "node:module";\nconst require = __kilnCreateRequire(import.meta.url);`,
    },
  });
  // A file with a shebang is a command: executable, so `./dist/cli.js` and a linked bin run it.
  // (git records the mode only when told: `git update-index --chmod=+x dist/cli.js`.)
  if (shebang) chmodSync(outfile, 0o755);
}
