// The JSON Schema of kiln.yml for editors (yaml-language-server, VS Code), derived from the one zod
// schema so it can never disagree with the validation.
import * as z from "zod";
import { Manifest } from "./schema.js";

export const SCHEMA_ID = "https://raw.githubusercontent.com/kiln-ml/kiln/main/schema/kiln.schema.json";

export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Manifest, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return { ...schema, $id: SCHEMA_ID, title: "Kiln manifest (kiln.yml)" };
}
