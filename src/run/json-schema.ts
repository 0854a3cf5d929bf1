// The validator for a `json-schema:` output check, chosen by the draft the schema declares in
// `$schema`: each ajv class knows one draft's meta-schema only, so a draft-07 schema given to the
// 2020-12 class fails with ajv's "no schema with key or ref" and the check could never pass.
// Without `$schema`, 2020-12 (the current draft). draft-04 needs the ajv-draft-04 package, which
// Kiln does not ship: it gets a message that says which drafts work instead.
import type { ValidateFunction } from "ajv";
import type { Result } from "../domain/result.js";

export type JsonSchemaDraft = "draft-06" | "draft-07" | "2019-09" | "2020-12";

/** What the docs and the error name as readable. */
export const READABLE_DRAFTS = "draft-07, 2019-09 or 2020-12";

/** Each draft's meta-schema address without scheme or `#`, as people write it either way. */
const DRAFT_ADDRESSES: Record<string, JsonSchemaDraft | "draft-04" | "draft-03"> = {
  "json-schema.org/draft-03/schema": "draft-03",
  "json-schema.org/draft-04/schema": "draft-04",
  "json-schema.org/draft-06/schema": "draft-06",
  "json-schema.org/draft-07/schema": "draft-07",
  "json-schema.org/draft/2019-09/schema": "2019-09",
  "json-schema.org/draft/2020-12/schema": "2020-12",
};

/** The meta-schema id each ajv class registers, which the schema's `$schema` must equal exactly. */
const CANONICAL_ID: Record<JsonSchemaDraft, string> = {
  "draft-06": "http://json-schema.org/draft-06/schema#",
  "draft-07": "http://json-schema.org/draft-07/schema#",
  "2019-09": "https://json-schema.org/draft/2019-09/schema",
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
};

/** The draft a schema declares, or why Kiln cannot read it (`file` names the schema). */
export function schemaDraft(schema: unknown, file: string): Result<JsonSchemaDraft> {
  const declared =
    typeof schema === "object" && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  if (declared === undefined) return { ok: true, value: "2020-12" };
  const address =
    typeof declared === "string"
      ? declared
          .trim()
          .replace(/^https?:\/\//, "")
          .replace(/#$/, "")
      : undefined;
  const draft = address === undefined ? undefined : DRAFT_ADDRESSES[address];
  if (draft && draft !== "draft-03" && draft !== "draft-04") return { ok: true, value: draft };
  const shown = JSON.stringify(declared).slice(0, 120);
  return {
    ok: false,
    error: `${file} declares $schema ${shown}${draft ? ` (${draft})` : ""}, which Kiln does not read: use ${READABLE_DRAFTS}`,
  };
}

export interface CompiledSchema {
  validate: ValidateFunction;
  /** `format`s the schema names that Kiln does not know (not asserted), sorted. */
  unknownFormats: string[];
}

/**
 * Compiles `schema` with the ajv class of its draft, `format` asserted by ajv-formats (date-time,
 * email, uri, uuid, …: a blocking check must not pass "last tuesday" as a date-time). The
 * validators are imported here, each on its own: they are large and only schema checks need them
 * (scripts/bundle.mjs puts them in chunks). ajv's own log lines (console.warn by default) never
 * reach the console: an unknown format is returned, for the check to say.
 */
export async function compileJsonSchema(schema: unknown, file: string): Promise<Result<CompiledSchema>> {
  const draft = schemaDraft(schema, file);
  if (!draft.ok) return draft;
  const unknownFormats = new Set<string>();
  const warn = (...args: unknown[]) => {
    const format = /unknown format "([^"]*)"/.exec(String(args[0]))?.[1];
    if (format !== undefined) unknownFormats.add(format);
  };
  const options = {
    allErrors: true,
    strict: false,
    logger: { log: () => undefined, warn, error: warn },
  };
  try {
    // CommonJS modules: imported dynamically, only module.exports (`default`) is there in the
    // bundle's chunk and in Node; ajv sets each class on it by name as well.
    let ajv: import("ajv").default;
    switch (draft.value) {
      case "draft-06":
      case "draft-07": {
        const { Ajv } = (await import("ajv/dist/ajv.js")).default;
        ajv = new Ajv(options);
        if (draft.value === "draft-06") {
          const meta = await import("ajv/dist/refs/json-schema-draft-06.json", { with: { type: "json" } });
          ajv.addMetaSchema(meta.default);
        }
        break;
      }
      case "2019-09": {
        const { Ajv2019 } = (await import("ajv/dist/2019.js")).default;
        ajv = new Ajv2019(options);
        break;
      }
      case "2020-12": {
        const { Ajv2020 } = (await import("ajv/dist/2020.js")).default;
        ajv = new Ajv2020(options);
        break;
      }
    }
    const { default: addFormats } = (await import("ajv-formats")).default;
    addFormats(ajv);
    // `$schema` as the class registered it: "https://…/draft-07/schema" and a missing `#` name the
    // same draft, but ajv looks the meta-schema up by its exact id.
    const declared = schema as Record<string, unknown>;
    const canonical =
      declared.$schema === undefined ? declared : { ...declared, $schema: CANONICAL_ID[draft.value] };
    const validate = ajv.compile(canonical);
    return { ok: true, value: { validate, unknownFormats: [...unknownFormats].sort() } };
  } catch (error) {
    return { ok: false, error: `${file} is not a valid JSON Schema: ${(error as Error).message}` };
  }
}
