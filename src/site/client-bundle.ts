// The site's browser script and stylesheet. In dist/ they are strings embedded at bundle time
// (scripts/bundle.mjs defines __KILN_SITE_CLIENT__ as their JSON), so an installed `kiln` needs no node_modules;
// run from source, they are built from src/site/client on first use.
export interface SiteClient {
  js: string;
  css: string;
  /** Notices of the bundled third-party code (uPlot, MIT). */
  licenses: string;
}

declare const __KILN_SITE_CLIENT__: string | undefined;

let built: Promise<SiteClient> | undefined;

export function siteClient(): Promise<SiteClient> {
  if (typeof __KILN_SITE_CLIENT__ !== "undefined")
    return Promise.resolve(JSON.parse(__KILN_SITE_CLIENT__) as SiteClient);
  built ??= (async () => {
    // A computed specifier, so bundlers leave this development-only path alone.
    const script = new URL("../../scripts/site-client.mjs", import.meta.url).href;
    const { buildSiteClient } = (await import(script)) as typeof import("../../scripts/site-client.mjs");
    return buildSiteClient();
  })();
  return built;
}
