// Bundles the CLI (dist/cli.js) and the action entry (dist/index.js) into single files with every
// dependency inside, so the action runs from a checkout without node_modules. CI rebuilds and
// fails when the committed dist/ differs.
import { existsSync, rmSync } from "node:fs";
import { build } from "esbuild";

const entries = [
  { in: "src/cli.ts", out: "cli", shebang: true },
  { in: "src/action.ts", out: "index", shebang: false },
].filter((entry) => existsSync(entry.in));

rmSync("dist", { recursive: true, force: true });
for (const entry of entries) {
  await build({
    entryPoints: [entry.in],
    outfile: `dist/${entry.out}.js`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    // CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: `${entry.shebang ? "#!/usr/bin/env node\n" : ""}import { createRequire as __kilnCreateRequire } from "node:module";\nconst require = __kilnCreateRequire(import.meta.url);`,
    },
  });
  console.log(`built dist/${entry.out}.js`);
}
