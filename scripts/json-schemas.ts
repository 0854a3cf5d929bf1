// Writes schema/<output>.v1.json, the JSON Schema of every `--json` output, from the zod contract
// in src/cli/json-contract-schemas.ts. `npx tsx scripts/json-schemas.ts` rewrites them; test/docs checks
// they are current and that each command's real output validates.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { contractFile, type ContractName } from "../src/cli/json-contract.js";
import { contractJsonSchema, JSON_CONTRACTS } from "../src/cli/json-contract-schemas.js";

const ROOT = path.resolve(import.meta.dirname, "..");

export function contractFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of Object.keys(JSON_CONTRACTS) as ContractName[])
    files.set(
      path.join("schema", contractFile(name)),
      `${JSON.stringify(contractJsonSchema(name), null, 2)}\n`,
    );
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, text] of contractFiles()) {
    writeFileSync(path.join(ROOT, file), text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
