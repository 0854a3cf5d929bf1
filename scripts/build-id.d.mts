// Types for scripts/build-id.mjs, which runs as plain JavaScript before anything is built.
export function buildId(root?: string): string;
