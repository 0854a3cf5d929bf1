import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/domain/kiln-version.ts
init_define_KILN_SITE_CLIENT();
import { readFileSync } from "node:fs";
var fromSource;
function kilnVersion() {
  if (true) return "0.1.0";
  fromSource ??= JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
  return fromSource;
}

export {
  kilnVersion
};
