// Types for scripts/site-client.mjs.
export function buildSiteClient(): Promise<{ js: string; css: string; licenses: string }>;
