// Types for scripts/bundle.mjs, which runs as plain JavaScript before anything is built.
export function bundle(options: { entry: string; outfile: string; shebang?: boolean }): Promise<void>;
export function bundleAll(options: {
  outdir: string;
  entries: Array<{ name: string; entry: string; shebang?: boolean }>;
}): Promise<void>;
/** CommonJS packages the bundle requires on first use of the members an importer takes from them. */
export const LAZY_COMMONJS: ReadonlyArray<{ importer: RegExp; module: string; names: readonly string[] }>;
