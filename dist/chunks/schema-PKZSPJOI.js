import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  Manifest
} from "./chunk-NKEEGYDI.js";
import {
  external_exports
} from "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/cli/schema.ts
init_define_KILN_SITE_CLIENT();

// src/manifest/json-schema.ts
init_define_KILN_SITE_CLIENT();
var SCHEMA_ID = "https://raw.githubusercontent.com/kiln-ml/kiln/main/schema/kiln.schema.json";
function manifestJsonSchema() {
  const schema = external_exports.toJSONSchema(Manifest, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any"
  });
  return { ...schema, $id: SCHEMA_ID, title: "Kiln manifest (kiln.yml)" };
}

// src/cli/schema.ts
async function schemaCommand(io) {
  io.stdout(`${JSON.stringify(manifestJsonSchema(), null, 2)}
`);
  return 0;
}
export {
  schemaCommand
};
