// Builds the history site's browser code (src/site/client, with uPlot and the CSS) into one script
// and one stylesheet. scripts/bundle.mjs embeds the result into dist/ with `define`, so an installed
// `kiln site` writes them without node_modules; from source (tests, tsx) src/site/client-bundle.ts
// calls this directly.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** @returns {Promise<{ js: string; css: string; licenses: string }>} */
export async function buildSiteClient() {
  const result = await build({
    entryPoints: [path.join(ROOT, "src/site/client/main.ts")],
    outdir: path.join(ROOT, "site-client"),
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["chrome100", "firefox100", "safari15"],
    minify: true,
    legalComments: "inline",
    logLevel: "warning",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const css = result.outputFiles.find((f) => f.path.endsWith(".css"))?.text ?? "";
  const require = createRequire(import.meta.url);
  const uplot = path.dirname(require.resolve("uplot/package.json"));
  const version = JSON.parse(readFileSync(path.join(uplot, "package.json"), "utf8")).version;
  const licenses = `static/kiln.js bundles uPlot ${version} (https://github.com/leeoniya/uPlot):\n\n${readFileSync(path.join(uplot, "LICENSE"), "utf8")}`;
  return { js, css, licenses };
}
