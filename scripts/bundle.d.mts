// Types for scripts/bundle.mjs, which runs as plain JavaScript before anything is built.
export function bundle(options: { entry: string; outfile: string; shebang?: boolean }): Promise<void>;
export function bundleAll(options: {
  outdir: string;
  entries: Array<{ name: string; entry: string; shebang?: boolean }>;
}): Promise<void>;
