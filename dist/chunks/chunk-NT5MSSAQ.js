import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/cli/json-contract.ts
var SCHEMA_BASE = "https://raw.githubusercontent.com/kiln-ml/kiln/main/schema/";
var CONTRACT_VERSION = 1;
function contractFile(name) {
  return `${name}.v${CONTRACT_VERSION}.json`;
}
function contractId(name) {
  return `${SCHEMA_BASE}${contractFile(name)}`;
}
function contractJson(name, value) {
  return `${JSON.stringify({ $schema: contractId(name), ...value }, null, 2)}
`;
}

export {
  contractJson
};
