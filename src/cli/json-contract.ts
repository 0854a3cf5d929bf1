// The documented JSON contract of every `--json` output (and `kiln report --format json`): one zod
// schema per output (json-contract-schemas.ts), the same schema the JSON Schema files under schema/
// are generated from (`npx tsx scripts/json-schemas.ts`), so the files, the code and the docs
// cannot drift. Every output names its schema in `$schema`; a change that breaks a reader gets a
// new version (v2) and a new file, never an edit of v1's meaning. This module only prints: the
// outputs are typed against the schemas, which a command never builds.
import type * as z from "zod";
import type { JSON_CONTRACTS } from "./json-contract-schemas.js";

/** Where the schema files are published: the repository's schema/ folder (also in the npm package). */
export const SCHEMA_BASE = "https://raw.githubusercontent.com/kiln-ml/kiln/main/schema/";

export type ContractName = keyof typeof JSON_CONTRACTS;
export type ContractValue<N extends ContractName> = z.input<(typeof JSON_CONTRACTS)[N]>;

export const CONTRACT_VERSION = 1;

export function contractFile(name: ContractName): string {
  return `${name}.v${CONTRACT_VERSION}.json`;
}

export function contractId(name: ContractName): string {
  return `${SCHEMA_BASE}${contractFile(name)}`;
}

/** The output as printed: `$schema` first, then the value (typed against the contract). */
export function contractJson<N extends ContractName>(name: N, value: ContractValue<N>): string {
  return `${JSON.stringify({ $schema: contractId(name), ...(value as object) }, null, 2)}\n`;
}
