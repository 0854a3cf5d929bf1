// Kiln's version, said once: package.json's. In dist/ it is a string the bundler wrote in
// (scripts/bundle.mjs defines __KILN_VERSION__); run from source, package.json is read beside src/.
import { readFileSync } from "node:fs";

declare const __KILN_VERSION__: string | undefined;

let fromSource: string | undefined;

export function kilnVersion(): string {
  if (typeof __KILN_VERSION__ !== "undefined") return __KILN_VERSION__;
  fromSource ??= (
    JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
  ).version;
  return fromSource;
}
