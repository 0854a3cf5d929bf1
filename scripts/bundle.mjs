// One esbuild configuration for every bundle of Kiln: dist/ (scripts/build.mjs) and the tests that
// run the action as GitHub does (test/action). Every dependency goes inside, so the action runs
// from a checkout without node_modules.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { buildId } from "./build-id.mjs";
import { buildSiteClient } from "./site-client.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * @actions/core imports its OIDC client at the top, and with it @actions/http-client and undici
 * (0.8 MB of the 1.7 MB every action job compiled and ran before doing anything). Only
 * `core.getIDToken` uses it, and Kiln never asks for an ID token: here the client is a stand-in
 * that imports the real one the first time it is called, so the code is the same, loaded later.
 */
const lazyOidcClient = {
  name: "lazy-oidc-client",
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]lib[\\/]core\.js$/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), "oidc-utils.js"), namespace: "lazy-oidc-client" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-oidc-client" }, (args) => ({
      contents: `export class OidcClient {
  static async getIDToken(audience) {
    const { OidcClient } = await import(${JSON.stringify(args.path)});
    return OidcClient.getIDToken(audience);
  }
}
`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * CommonJS packages that the Actions toolkit imports at the top of a module but uses in one
 * function each. esbuild runs a CommonJS module where it is imported, so every job that touched
 * the cache or artifacts ran them all at start: undici (0.8 MB, with node:http2, worker_threads
 * and perf_hooks) for a ProxyAgent only a proxy needs and a fetch only @actions/github's Octokit
 * calls, archiver only to upload an artifact, unzip-stream only to download one. Each importer
 * gets a stand-in whose named members are the real ones, required the first time they are read.
 * The names are all the importer uses of the package (read in its source when upgrading it).
 */
export const LAZY_COMMONJS = [
  {
    importer: /[\\/]@actions[\\/]http-client[\\/]lib[\\/]index\.js$/,
    module: "undici",
    names: ["ProxyAgent"],
  },
  {
    importer: /[\\/]@actions[\\/]github[\\/]lib[\\/]internal[\\/]utils\.js$/,
    module: "undici",
    names: ["fetch"],
  },
  {
    importer: /[\\/]@actions[\\/]artifact[\\/]lib[\\/]internal[\\/]upload[\\/]zip\.js$/,
    module: "archiver",
    names: ["create"],
  },
  {
    importer: /[\\/]@actions[\\/]artifact[\\/]lib[\\/]internal[\\/]download[\\/]download-artifact\.js$/,
    module: "unzip-stream",
    names: ["Extract"],
  },
];

const lazyCommonJs = {
  name: "lazy-commonjs",
  setup(build) {
    for (const [index, lazy] of LAZY_COMMONJS.entries()) {
      build.onResolve({ filter: new RegExp(`^${lazy.module}$`) }, (args) =>
        lazy.importer.test(args.importer)
          ? {
              // Named relative to the working directory, as esbuild names every module in the
              // bundle's comments: an absolute path would make dist/ depend on where it was built.
              path: `${path.relative(process.cwd(), args.importer)}#${lazy.module}`,
              namespace: "lazy-commonjs",
              pluginData: { index, resolveDir: path.dirname(args.importer) },
            }
          : undefined,
      );
    }
    build.onLoad({ filter: /.*/, namespace: "lazy-commonjs" }, (args) => {
      const lazy = LAZY_COMMONJS[args.pluginData.index];
      const members = lazy.names.map(
        (name) => `  get ${name}() {\n    return require(${JSON.stringify(lazy.module)}).${name};\n  },`,
      );
      return {
        contents: `module.exports = {\n${members.join("\n")}\n};\n`,
        resolveDir: args.pluginData.resolveDir,
        loader: "js",
      };
    });
  },
};

/**
 * The modules every command that assesses a project loads (status, plan, run, show, the action's
 * jobs): the engine. Node loads each ES module file on its own (resolve, read, compile, link: about
 * half a millisecond of CPU each on Node 20, whatever its size), and esbuild's code splitting puts
 * a module in a chunk of its own for each set of entry points that reach it: with ~40 entries
 * behind dynamic imports (commands, stores, the executor, the branch ledger), `kiln status` loaded
 * the engine from ~30 files. Each dynamic entry that uses a module of the engine is given an import
 * of all of it (`engineChunk`), so the engine's modules are reached by the same entries and land in
 * a few chunks: `kiln status` loads 16 files instead of 37, about 25 ms less CPU per command.
 */
const ENGINE = ["src/app/pipeline.ts", "src/cli/workspace.ts"];
/**
 * Entries that use a little of the engine and never assess: left as they were, so that
 * `kiln --version`, `validate`, `schema`, `init`, `generate` and `graph` do not load all of it.
 */
const LIGHT = [
  "src/cli/program.ts",
  "src/cli/validate.ts",
  "src/cli/schema.ts",
  "src/cli/init.ts",
  "src/cli/generate.ts",
  "src/cli/graph.ts",
];
const ENGINE_MODULE = "kiln:engine";

/**
 * The plugin that gives each dynamic entry using a module of ENGINE (but LIGHT ones) an import of
 * all of ENGINE, from a first pass of esbuild over the same entries that only reads the import
 * graph. No import cycle is added: an entry that ENGINE itself imports statically is left alone.
 * Only the order changes in which an entry's dependencies run, the engine's first, and the engine's
 * modules do nothing at load but define things.
 */
async function engineChunk(options) {
  const { metafile } = await build({ ...options, write: false, metafile: true, logLevel: "silent" });
  const cwd = process.cwd();
  const absolute = (input) => path.resolve(cwd, input);
  const staticImports = new Map();
  const dynamicTargets = new Set();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    staticImports.set(
      absolute(input),
      imports.filter((i) => i.kind === "import-statement" && !i.external).map((i) => absolute(i.path)),
    );
    for (const i of imports)
      if (i.kind === "dynamic-import" && !i.external) dynamicTargets.add(absolute(i.path));
  }
  const closure = (from) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const next of staticImports.get(file) ?? []) visit(next);
    };
    for (const file of from) visit(file);
    return seen;
  };
  const engine = ENGINE.map((file) => path.join(ROOT, file));
  const inEngine = closure(engine);
  const light = new Set(LIGHT.map((file) => path.join(ROOT, file)));
  const given = new Set(
    [...dynamicTargets].filter(
      (file) => !inEngine.has(file) && !light.has(file) && [...closure([file])].some((f) => inEngine.has(f)),
    ),
  );
  return {
    name: "engine-chunk",
    setup(b) {
      b.onResolve({ filter: /^kiln:engine$/ }, () => ({ path: ENGINE_MODULE, namespace: "engine-chunk" }));
      b.onLoad({ filter: /.*/, namespace: "engine-chunk" }, () => ({
        contents: engine.map((file) => `import ${JSON.stringify(file)};`).join("\n"),
        resolveDir: ROOT,
        loader: "js",
      }));
      b.onLoad({ filter: /\.ts$/ }, (args) =>
        given.has(args.path)
          ? {
              contents: `import ${JSON.stringify(ENGINE_MODULE)};\n${readFileSync(args.path, "utf8")}`,
              loader: "ts",
            }
          : undefined,
      );
    },
  };
}

/**
 * Bundles `entry` into the ESM file `outfile` and its chunks (`chunks/` beside it), optionally with a
 * shebang for the CLI.
 */
export async function bundle({ entry, outfile, shebang = false }) {
  await bundleAll({
    outdir: path.dirname(outfile),
    entries: [{ name: path.basename(outfile, ".js"), entry, shebang }],
  });
}

/**
 * Bundles several entries into `outdir` in one build, so the code they share is one set of chunks
 * (dist/: the CLI and the action share most of Kiln). `entries`: `{ name, entry, shebang? }`, each
 * written to `<outdir>/<name>.js`.
 */
export async function bundleAll({ outdir, entries }) {
  // The history site's browser code and styles, embedded as strings (src/site/client-bundle.ts).
  const siteClient = await buildSiteClient();
  // The version `kiln --version` prints (src/domain/kiln-version.ts): package.json's, read once here.
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const options = {
    // Code behind a dynamic import() (the stores, GitHub's API client, the site, schema checks) goes
    // into chunks beside the entry and is read only by the commands that need it: Node compiles an
    // ES module whole, and compiling one 7 MB file was most of a `kiln status`.
    entryPoints: Object.fromEntries(entries.map(({ name, entry }) => [name, entry])),
    outdir,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    define: {
      // The JSON text as one string, parsed where the site is built: an object-valued define is
      // emitted into esbuild's runtime chunk, which every command loads (80 KB more to compile).
      __KILN_SITE_CLIENT__: JSON.stringify(JSON.stringify(siteClient)),
      __KILN_VERSION__: JSON.stringify(version),
      // Which build this is, for the caches in .kiln/cache (src/paths/state-cache.ts).
      __KILN_BUILD__: JSON.stringify(buildId()),
    },
    logLevel: "warning",
    plugins: [lazyOidcClient, lazyCommonJs],
    // CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: `import { createRequire as __kilnCreateRequire } from "node:module";\nconst require = __kilnCreateRequire(import.meta.url);`,
    },
  };
  await build({ ...options, plugins: [...options.plugins, await engineChunk(options)] });
  for (const { name, shebang } of entries) {
    if (!shebang) continue;
    // A file with a shebang is a command: executable, so `./dist/cli.js` and a linked bin run it.
    // (git records the mode only when told: `git update-index --chmod=+x dist/cli.js`.) Added
    // here, not in the banner, which every chunk gets.
    const file = path.join(outdir, `${name}.js`);
    writeFileSync(file, `#!/usr/bin/env node\n${readFileSync(file, "utf8")}`);
    chmodSync(file, 0o755);
  }
}
