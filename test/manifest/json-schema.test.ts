// The published JSON Schema is derived from the zod schema; the committed copy must match it, and
// editors validating with it must agree with Kiln on the documented example.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { manifestJsonSchema, SCHEMA_ID } from "../../src/manifest/json-schema.js";

const root = path.join(import.meta.dirname, "..", "..");
const example = parse(
  readFileSync(path.join(import.meta.dirname, "__fixtures__", "design-example.yml"), "utf8"),
);

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(manifestJsonSchema());
}

describe("kiln.schema.json", () => {
  it("is committed and current (regenerate with `kiln schema > schema/kiln.schema.json`)", () => {
    const committed = JSON.parse(readFileSync(path.join(root, "schema", "kiln.schema.json"), "utf8"));
    expect(committed).toEqual(manifestJsonSchema());
  });

  it("is draft 2020-12 with an id, a title and descriptions, and the recursive condition as a $ref", () => {
    const schema = manifestJsonSchema() as {
      $schema: string;
      $id: string;
      title: string;
      $defs: Record<string, { title?: string }>;
      properties: {
        assets: {
          additionalProperties: { properties: Record<string, { $ref?: string; description?: string }> };
        };
      };
    };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(schema.title).toBe("Kiln manifest (kiln.yml)");
    const asset = schema.properties.assets.additionalProperties.properties;
    expect(asset.automation!.$ref).toBe("#/$defs/condition");
    expect(schema.$defs.condition!.title).toBe("Automation condition");
    expect(asset.run!.description).toMatch(/materializes the asset/);
  });

  it("accepts the DESIGN.md example", () => {
    const validate = validator();
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects an unknown key, a misspelled condition deep in a tree, a bad duration and a zero one", () => {
    const validate = validator();
    const withUnknown = structuredClone(example);
    withUnknown.assets.model.runs_on = "gpu";
    expect(validate(withUnknown)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: "/assets/model",
        keyword: "additionalProperties",
        params: { additionalProperty: "runs_on" },
      }),
    );

    const nested = structuredClone(example);
    nested.assets.model.automation = { any: ["eager", { not: "stail" }] };
    expect(validate(nested)).toBe(false);

    const duration = structuredClone(example);
    duration.assets.model.timeout = "30 minutes";
    expect(validate(duration)).toBe(false);
    // A zero time limit fails every run at once; the editor says so as `kiln validate` does.
    for (const zero of [0, "0s", "0.0m"]) {
      duration.assets.model.timeout = zero;
      expect(validate(duration), String(zero)).toBe(false);
    }
  });
});
