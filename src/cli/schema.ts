// `kiln schema`: the JSON Schema of kiln.yml for editors (yaml-language-server, VS Code).
import { manifestJsonSchema } from "../manifest/json-schema.js";
import type { CliIO } from "./io.js";

export async function schemaCommand(io: CliIO): Promise<number> {
  io.stdout(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
  return 0;
}
