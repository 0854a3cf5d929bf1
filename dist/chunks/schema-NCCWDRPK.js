import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  Manifest
} from "./chunk-JRDQNYU3.js";
import {
  toJSONSchema
} from "./chunk-XTEFASAO.js";
import "./chunk-BNVABWUQ.js";

// src/manifest/json-schema.ts
var SCHEMA_ID = "https://raw.githubusercontent.com/kiln-ml/kiln/main/schema/kiln.schema.json";
function manifestJsonSchema() {
  const schema = toJSONSchema(Manifest, {
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
